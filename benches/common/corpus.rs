//! The 1 MB mixed benchmark text: English prose and Rust code from this repository, then CJK text with emoji,
//! generated deterministically so that BPE caches do not see the same sentence twice.

use std::path::Path;

/// Exactly `bytes` bytes (rounded down to a character boundary) of mixed text.
pub fn mixed(bytes: usize) -> String {
    let mut files = Vec::new();
    collect(Path::new("src"), &mut files);
    files.sort();
    let mut s = String::new();
    for extra in [
        "README.md",
        "BENCHMARKS.md",
        "assets/tokenizers/SOURCES.md",
        "assets/i18n/en.json",
    ] {
        files.push(extra.into());
    }
    let english_and_code = bytes * 6 / 10;
    for f in &files {
        if s.len() >= english_and_code {
            break;
        }
        if let Ok(t) = std::fs::read_to_string(f) {
            s.push_str(&t);
            s.push('\n');
        }
    }
    s.truncate(floor(&s, english_and_code));
    s.push('\n');
    // CJK: common Hanzi, kana and Hangul from a fixed pseudo-random sequence, punctuated, with emoji.
    let hanzi: Vec<char> = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞".chars().collect();
    let kana: Vec<char> = "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをんアイウエオカキクケコサシスセソタチツテト".chars().collect();
    let hangul: Vec<char> = "가나다라마바사아자차카타파하한국어문장토큰"
        .chars()
        .collect();
    let emoji = ["🌍", "🦙", "👨‍👩‍👧‍👦", "🇯🇵", "👩🏽‍⚕️", "🎉"];
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = |n: usize| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        (x % n as u64) as usize
    };
    while s.len() < bytes {
        let len = 4 + next(18);
        let set = next(10);
        for _ in 0..len {
            let c = match set {
                0 => kana[next(kana.len())],
                1 => hangul[next(hangul.len())],
                _ => hanzi[next(hanzi.len())],
            };
            s.push(c);
        }
        match next(12) {
            0 => s.push_str(emoji[next(emoji.len())]),
            1 => s.push('\n'),
            2 => s.push_str(" tokens "),
            3..=6 => s.push('，'),
            _ => s.push('。'),
        }
    }
    let end = floor(&s, bytes);
    s.truncate(end);
    s
}

fn floor(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn collect(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

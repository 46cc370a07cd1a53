"""The generation path against plain transformers on the embedded model's shape, random weights.

    python scripts/benchmark_gpu.py [--shape 1.5b|tiny] [--batch-sizes 16,64] [--prompt-tokens 64]
                                    [--new-tokens 128] [--device auto|cpu|cuda] [--out FILE]

Where the 1.1 GB embedded model is not at hand (a GPU machine), this builds a Qwen2 model of its
shape (hidden 1536, intermediate 8960, 28 layers, 12 heads, 2 KV heads, vocab 151936, tied
embeddings) with random weights, saves it with a small trained tokenizer, and generates the same
number of tokens per row, greedily, in one run:

  plain     transformers' generate() on random prompt ids, static cache on CUDA (dynamic on a CPU)
  pipeline  the project's generation path (load_generator, model.device as given, dtype auto)

It prints the machine, each path's generated tokens/s per batch size and the pipeline's share of
plain's rate. Needs torch, transformers and tokenizers only (no validator packages). `--shape tiny`
runs in seconds on a CPU, to check the script itself.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # tests/tiny_models.py trains the tokenizer

SHAPES = {
    "1.5b": {"hidden_size": 1536, "intermediate_size": 8960, "num_hidden_layers": 28, "num_attention_heads": 12,
             "num_key_value_heads": 2, "vocab_size": 151936},
    "tiny": {"hidden_size": 64, "intermediate_size": 128, "num_hidden_layers": 2, "num_attention_heads": 4,
             "num_key_value_heads": 2, "vocab_size": 2048},
}


def build(folder: Path, shape: str) -> Path:
    """A random Qwen2 of `shape` in bfloat16 with a trained byte-level BPE and a chat template."""
    import torch
    from transformers import PreTrainedTokenizerFast, Qwen2Config, Qwen2ForCausalLM

    from tests.tiny_models import CHAT_TEMPLATE, train_tokenizer

    tokenizer = PreTrainedTokenizerFast(tokenizer_object=train_tokenizer(), unk_token="<unk>", pad_token="<pad>",
                                        eos_token="<|im_end|>", bos_token="<s>", chat_template=CHAT_TEMPLATE)
    config = Qwen2Config(**SHAPES[shape], tie_word_embeddings=True, max_position_embeddings=4096,
                         eos_token_id=tokenizer.eos_token_id, pad_token_id=tokenizer.pad_token_id,
                         bos_token_id=tokenizer.bos_token_id)
    Qwen2ForCausalLM(config).to(torch.bfloat16).save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


def plain(folder: Path, device: str, batch: int, prompt_tokens: int, new_tokens: int) -> dict:
    """transformers' own generate(): random prompt ids, every row to `new_tokens`."""
    import torch
    from transformers import AutoModelForCausalLM

    model = AutoModelForCausalLM.from_pretrained(folder, dtype=torch.bfloat16).eval().to(device)
    ids = torch.randint(10, 700, (batch, prompt_tokens), generator=torch.Generator().manual_seed(0)).to(device)
    extra = {"cache_implementation": "static"} if device == "cuda" else {}
    with torch.inference_mode():
        model.generate(ids, max_new_tokens=4, min_new_tokens=4, do_sample=False, **extra)  # warm-up
        _sync(device)
        start = time.perf_counter()
        out = model.generate(ids, max_new_tokens=new_tokens, min_new_tokens=new_tokens, do_sample=False, **extra)
        _sync(device)
        seconds = time.perf_counter() - start
    made = (out.shape[1] - prompt_tokens) * batch
    return {"seconds": round(seconds, 3), "new_tokens": made, "tokens_per_s": round(made / seconds, 1)}


def pipeline(folder: Path, device: str, batch: int, prompt_tokens: int, new_tokens: int) -> dict:
    """The project's path: load_generator and Requests, as the pipeline calls it."""
    from pipeline.config import GenerationConfig, ModelConfig
    from pipeline.models.base import Request
    from pipeline.models.loading import load_generator

    generator = load_generator(ModelConfig(source="local", name=str(folder), device=device, batch_size=batch,
                                           cache_generations=False, cache_converted=False), GenerationConfig())
    words = (ROOT / "tests" / "fixtures" / "tokenizer_corpus.txt").read_text(encoding="utf-8").split()
    texts = [" ".join(words[i * 7:i * 7 + prompt_tokens // 2]) for i in range(batch)]
    requests = [Request(text, "Translate into Japanese.", "ja", new_tokens) for text in texts]
    generator.generate(requests[:1])  # warm-up
    _sync(device)
    start = time.perf_counter()
    outputs = generator.generate(requests)
    _sync(device)
    seconds = time.perf_counter() - start
    made = sum(g.new_tokens for g in outputs)
    return {"seconds": round(seconds, 3), "new_tokens": made, "tokens_per_s": round(made / seconds, 1),
            "placement": {k: v for k, v in generator.placement["kernels"].items() if k != "timings_ms"}
            | {"device": generator.placement["device"]}}


def _sync(device: str) -> None:
    import torch

    if device == "cuda":
        torch.cuda.synchronize()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shape", choices=sorted(SHAPES), default="1.5b")
    parser.add_argument("--batch-sizes", default="16,64")
    parser.add_argument("--prompt-tokens", type=int, default=64)
    parser.add_argument("--new-tokens", type=int, default=128)
    parser.add_argument("--device", choices=("auto", "cpu", "cuda"), default="auto")
    parser.add_argument("--out", help="write the results as JSON")
    args = parser.parse_args()
    import torch

    from pipeline.models.machine import describe

    device = args.device if args.device != "auto" else ("cuda" if torch.cuda.is_available() else "cpu")
    results: dict = {"machine": describe(), "device": device, "shape": args.shape, "runs": {}}
    print("machine:", results["machine"], file=sys.stderr)
    with tempfile.TemporaryDirectory() as temp:
        folder = build(Path(temp) / "model", args.shape)
        for batch in [int(b) for b in args.batch_sizes.split(",") if b]:
            run = {"plain": plain(folder, device, batch, args.prompt_tokens, args.new_tokens),
                   "pipeline": pipeline(folder, device, batch, args.prompt_tokens, args.new_tokens)}
            run["pipeline_share_of_plain"] = round(run["pipeline"]["tokens_per_s"] / run["plain"]["tokens_per_s"], 3)
            results["runs"][batch] = run
            print(f"batch {batch}:", json.dumps(run), file=sys.stderr)
    print("| batch | plain tokens/s | pipeline tokens/s | pipeline / plain |")
    print("|---|---|---|---|")
    for batch, run in results["runs"].items():
        print(f"| {batch} | {run['plain']['tokens_per_s']} | {run['pipeline']['tokens_per_s']} | "
              f"{run['pipeline_share_of_plain']} |")
    if args.out:
        Path(args.out).write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

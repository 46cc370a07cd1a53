"""Tiny random models built from the real transformers classes, with a real trained tokenizer.

Nothing is downloaded: a byte-level BPE is trained on a few hundred WMT22 lines (English, Japanese,
Chinese) shipped in tests/fixtures, and each model is saved with save_pretrained into a folder
that the tests load back through the same code users hit (`source: local`).
"""

from __future__ import annotations

from pathlib import Path

from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
from transformers import (
    BartConfig,
    BartForConditionalGeneration,
    M2M100Config,
    M2M100ForConditionalGeneration,
    PreTrainedTokenizerFast,
    Qwen2Config,
    Qwen2ForCausalLM,
)

CORPUS = Path(__file__).parent / "fixtures" / "tokenizer_corpus.txt"
SPECIAL_TOKENS = ["<pad>", "<s>", "</s>", "<unk>", "<|im_start|>", "<|im_end|>", "__en__", "__ja__", "__zh__"]
# The Qwen2 chat template, reduced to what the pipeline uses (system + user + generation prompt).
CHAT_TEMPLATE = (
    "{% for message in messages %}<|im_start|>{{ message['role'] }}\n{{ message['content'] }}"
    "<|im_end|>\n{% endfor %}{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}"
)


def train_tokenizer(vocab_size: int = 800) -> Tokenizer:
    """A byte-level BPE (any input encodes) trained on the multilingual fixture corpus."""
    tokenizer = Tokenizer(models.BPE())
    tokenizer.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tokenizer.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size, special_tokens=SPECIAL_TOKENS,
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
    )
    tokenizer.train([str(CORPUS)], trainer)
    return tokenizer


def _fast(tokenizer: Tokenizer, **kwargs) -> PreTrainedTokenizerFast:
    return PreTrainedTokenizerFast(tokenizer_object=tokenizer, unk_token="<unk>", pad_token="<pad>", **kwargs)


def build_chat_model(folder: Path, tokenizer: Tokenizer) -> Path:
    """A 2-layer Qwen2 causal LM with a chat template, saved to `folder`."""
    fast = _fast(tokenizer, eos_token="<|im_end|>", bos_token="<s>", chat_template=CHAT_TEMPLATE)
    config = Qwen2Config(
        vocab_size=tokenizer.get_vocab_size(), hidden_size=32, intermediate_size=64,
        num_hidden_layers=2, num_attention_heads=4, num_key_value_heads=2,
        max_position_embeddings=4096, eos_token_id=fast.eos_token_id, pad_token_id=fast.pad_token_id,
        bos_token_id=fast.bos_token_id, tie_word_embeddings=False,
        initializer_range=0.5,  # large random weights: varied, input-dependent tokens
    )
    Qwen2ForCausalLM(config).save_pretrained(folder)
    fast.save_pretrained(folder)
    return folder


def build_m2m100_model(folder: Path, tokenizer: Tokenizer) -> Path:
    """A 1+1-layer M2M100 translation model whose target language is a forced first token."""
    fast = _fast(tokenizer, eos_token="</s>", bos_token="<s>")
    config = M2M100Config(
        vocab_size=tokenizer.get_vocab_size(), d_model=32, encoder_layers=1, decoder_layers=1,
        encoder_attention_heads=2, decoder_attention_heads=2, encoder_ffn_dim=64, decoder_ffn_dim=64,
        max_position_embeddings=512, pad_token_id=fast.pad_token_id, bos_token_id=fast.bos_token_id,
        eos_token_id=fast.eos_token_id, decoder_start_token_id=fast.eos_token_id, init_std=0.5,
    )
    M2M100ForConditionalGeneration(config).save_pretrained(folder)
    fast.save_pretrained(folder)
    return folder


def build_bart_model(folder: Path, tokenizer: Tokenizer) -> Path:
    """A 1+1-layer BART summariser."""
    fast = _fast(tokenizer, eos_token="</s>", bos_token="<s>")
    config = BartConfig(
        vocab_size=tokenizer.get_vocab_size(), d_model=32, encoder_layers=1, decoder_layers=1,
        encoder_attention_heads=2, decoder_attention_heads=2, encoder_ffn_dim=64, decoder_ffn_dim=64,
        max_position_embeddings=512, pad_token_id=fast.pad_token_id, bos_token_id=fast.bos_token_id,
        eos_token_id=fast.eos_token_id, decoder_start_token_id=fast.eos_token_id, init_std=0.5,
        forced_bos_token_id=None, forced_eos_token_id=None,
    )
    BartForConditionalGeneration(config).save_pretrained(folder)
    fast.save_pretrained(folder)
    return folder

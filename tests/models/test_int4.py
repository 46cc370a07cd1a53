"""The GGUF's Q4_K matrices packed as torch int4 (pipeline/models/int4.py) compute what the GGUF holds."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from gguf import GGMLQuantizationType, GGUFWriter
from gguf.quants import Q4_K, dequantize
from transformers import Qwen2Config, Qwen2ForCausalLM

from pipeline.models.int4 import PackedLinear, attach, load_matrices, pack, q4k_groups, q4k_matrices, use_int4


def q4k_blocks(rng: np.random.Generator, rows: int, columns: int) -> np.ndarray:
    """Random Q4_K blocks of a [rows, columns] matrix: any bytes are valid, given sane scales."""
    blocks = rng.integers(0, 256, (rows * columns // 256, Q4_K.type_size), dtype=np.uint8)
    blocks[:, 0:2] = np.frombuffer(np.float16(0.004).tobytes(), np.uint8)  # d
    blocks[:, 2:4] = np.frombuffer(np.float16(0.002).tobytes(), np.uint8)  # dmin
    return blocks.reshape(rows, -1)


def gguf_weight(blocks: np.ndarray, rows: int, columns: int) -> torch.Tensor:
    return torch.from_numpy(dequantize(blocks, GGMLQuantizationType.Q4_K).reshape(rows, columns).copy())


def test_a_packed_q4k_matrix_multiplies_as_its_gguf_dequantisation():
    rng = np.random.default_rng(0)
    blocks = q4k_blocks(rng, 48, 512)
    packed, scales_zeros = pack(*q4k_groups(blocks, 48, 512))
    x = torch.randn(5, 512)
    expected = x @ gguf_weight(blocks, 48, 512).t()
    got = torch.ops.aten._weight_int4pack_mm_for_cpu(x, packed, 32, scales_zeros)
    torch.testing.assert_close(got, expected, rtol=1e-4, atol=1e-4)


def test_a_packed_layer_multiplies_in_int4_only_up_to_its_rows():
    rng = np.random.default_rng(1)
    blocks = q4k_blocks(rng, 16, 256)
    linear = torch.nn.Linear(256, 16)
    torch.nn.init.zeros_(linear.weight)  # so that the two paths tell themselves apart
    layer = PackedLinear(linear, *pack(*q4k_groups(blocks, 16, 256)), rows=4)
    x = torch.randn(2, 2, 256)  # 4 rows: int4
    expected = x @ gguf_weight(blocks, 16, 256).t() + linear.bias
    torch.testing.assert_close(layer(x), expected, rtol=1e-4, atol=1e-4)
    wide = torch.randn(5, 256)  # 5 rows: the layer's own weight (zeros)
    torch.testing.assert_close(layer(wide), linear.bias.expand(5, 16))


@pytest.fixture
def tiny_gguf(tmp_path):
    """A one-layer Qwen2 and a GGUF of random Q4_K blocks for its linear layers, except the down
    projection, written as Q6_K (as Q4_K_M files hold half of them); the model gets the GGUF's
    dequantised weights, as transformers would load them."""
    torch.manual_seed(0)
    config = Qwen2Config(vocab_size=300, hidden_size=256, intermediate_size=512, num_hidden_layers=1,
                         num_attention_heads=4, num_key_value_heads=2, tie_word_embeddings=False)
    model = Qwen2ForCausalLM(config).eval()
    rng = np.random.default_rng(2)
    writer = GGUFWriter(tmp_path / "tiny.gguf", "qwen2")
    names = {"q_proj": "attn_q", "k_proj": "attn_k", "v_proj": "attn_v", "o_proj": "attn_output",
             "gate_proj": "ffn_gate", "up_proj": "ffn_up", "down_proj": "ffn_down"}
    for name, module in model.named_modules():
        short = name.rpartition(".")[2]
        if short not in names:
            continue
        rows, columns = module.weight.shape
        if short == "down_proj":
            blocks = rng.integers(0, 256, (rows, columns // 256 * 210), dtype=np.uint8)
            writer.add_tensor(f"blk.0.{names[short]}.weight", blocks, raw_dtype=GGMLQuantizationType.Q6_K)
            continue
        blocks = q4k_blocks(rng, rows, columns)
        writer.add_tensor(f"blk.0.{names[short]}.weight", blocks, raw_dtype=GGMLQuantizationType.Q4_K)
        with torch.no_grad():
            module.weight.copy_(gguf_weight(blocks, rows, columns))
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return model, tmp_path / "tiny.gguf"


def test_the_ggufs_q4k_matrices_go_to_their_layers_and_the_model_computes_the_same(tiny_gguf):
    model, path = tiny_gguf
    matrices = q4k_matrices(path, model)
    assert sorted(matrices) == sorted(f"model.layers.0.{m}" for m in
                                      ("self_attn.q_proj", "self_attn.k_proj", "self_attn.v_proj", "self_attn.o_proj",
                                       "mlp.gate_proj", "mlp.up_proj"))  # the Q6_K down projection stays
    ids = torch.randint(0, 300, (3, 7))
    with torch.no_grad():
        plain = model(input_ids=ids).logits
        assert attach(model, matrices, rows=64) == 6
        assert isinstance(model.model.layers[0].mlp.up_proj, PackedLinear)
        packed = model(input_ids=ids).logits  # 21 rows: every packed layer in int4
    torch.testing.assert_close(packed, plain, rtol=1e-3, atol=1e-3)


def test_the_int4_copy_is_saved_once_and_read_back(tiny_gguf, tmp_path, monkeypatch):
    model, path = tiny_gguf
    store = tmp_path / "int4.safetensors"
    expected = q4k_matrices(path, model)
    assert use_int4(model, path, store, rows=8) == 6 and store.is_file()
    saved = load_matrices(store)
    assert sorted(saved) == sorted(expected)
    for name, (packed, scales_zeros) in expected.items():
        assert torch.equal(saved[name][0], packed) and torch.equal(saved[name][1], scales_zeros)
    # A later start reads the store and never the GGUF.
    monkeypatch.setattr("pipeline.models.int4.q4k_matrices", lambda *a: pytest.fail("unpacked again"))
    fresh = Qwen2ForCausalLM(model.config).eval()
    assert use_int4(fresh, path.with_name("gone.gguf"), store, rows=8) == 6
    assert torch.equal(fresh.model.layers[0].mlp.up_proj.packed, expected["model.layers.0.mlp.up_proj"][0])


def test_a_file_that_is_no_gguf_leaves_the_model_as_it_was(tmp_path, caplog):
    model = torch.nn.Sequential(torch.nn.Linear(256, 8))
    (tmp_path / "model.gguf").write_text("not a gguf")
    assert use_int4(model, tmp_path / "model.gguf", None, rows=8) == 0
    assert isinstance(model[0], torch.nn.Linear) and "no int4 copy" in caplog.text


def test_an_unreadable_int4_copy_is_unpacked_again_and_replaced(tiny_gguf, tmp_path, caplog):
    model, path = tiny_gguf
    store = tmp_path / "int4.safetensors"
    store.write_bytes(b"half a file")
    assert use_int4(model, path, store, rows=8) == 6
    assert "cannot read the int4 copy" in caplog.text
    assert sorted(load_matrices(store)) == sorted(n for n, m in model.named_modules() if isinstance(m, PackedLinear))

"""The GGUF's Q4_K matrices kept packed, for decoding steps of few rows.

A decoding step reads every weight of the model once, whatever its rows: where memory reads
about 11 GB/s (2 vCPUs of an Intel Xeon with AMX), a bfloat16 step of the embedded model takes about
0.28 s for one row and about as long for 16.
Q4_K holds each group of 32 weights as 4-bit integers with a scale and a minimum, which is the
affine int4 layout of torch's own CPU kernel (`_weight_int4pack_mm_for_cpu`, groups of 32): the
GGUF's matrices go into it as they are, a quarter of bfloat16's bytes. The kernel is slower than
bfloat16's matrix product once a step has many rows, so each packed layer keeps its bfloat16
weight and uses the int4 copy only for forwards of at most `rows` tokens (`model.int4_rows`).
The Q6_K matrices (half the down projections and value projections, the LM head) have groups of
16 and 6-bit values, which this kernel cannot hold exactly: they stay bfloat16.

Hand-written because no package unpacks GGUF blocks into torch's int4 layout: `gguf` reads the
blocks and decodes their scales (`Q4_K.get_scale_min`), torch packs the 4-bit values.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import numpy as np
import torch
from gguf import GGMLQuantizationType, GGUFReader, get_tensor_name_map
from gguf.constants import MODEL_ARCH_NAMES
from gguf.quants import Q4_K
from safetensors import SafetensorError
from safetensors.torch import load_file, save_file

logger = logging.getLogger(__name__)

GROUP = 32  # weights per Q4_K scale, and the kernel's group size
INNER_K_TILES = 2  # an argument of torch's packing; the tests check the products it gives


class PackedLinear(torch.nn.Module):
    """A linear layer that multiplies with its int4 copy when the input holds at most `rows`
    tokens (rows of the flattened input), and with its own (bfloat16) weight otherwise."""

    def __init__(self, linear: torch.nn.Linear, packed: torch.Tensor, scales_zeros: torch.Tensor, rows: int,
                 kernel_dtype: torch.dtype | None = None):
        super().__init__()
        self.linear = linear
        self.rows = rows
        self.register_buffer("packed", packed, persistent=False)
        # The kernel's input dtype: the layer's own, unless the machine's calibration found another
        # faster (float32 weights, bfloat16 into the kernel: on AVX2 its float32 input is ~15x slower).
        self.register_buffer("scales_zeros", scales_zeros.to(kernel_dtype or linear.weight.dtype), persistent=False)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        flat = x.reshape(-1, x.shape[-1])
        if flat.shape[0] > self.rows:
            return self.linear(x)
        out = torch.ops.aten._weight_int4pack_mm_for_cpu(flat.to(self.scales_zeros.dtype), self.packed, GROUP,
                                                          self.scales_zeros)
        if self.linear.bias is not None:
            out = out + self.linear.bias
        return out.reshape(*x.shape[:-1], -1).to(x.dtype)


def q4k_groups(blocks: np.ndarray, rows: int, columns: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A Q4_K matrix's 4-bit values [rows, columns] and each group's scale and minimum
    [rows, columns / 32]: weight = scale * value - minimum (as gguf's Q4_K.dequantize_blocks)."""
    blocks = blocks.reshape(-1, Q4_K.type_size)
    d = blocks[:, :2].view(np.float16).astype(np.float32)
    dmin = blocks[:, 2:4].view(np.float16).astype(np.float32)
    scales, qs = blocks[:, 4:4 + Q4_K.K_SCALE_SIZE], blocks[:, 4 + Q4_K.K_SCALE_SIZE:]
    sc, m = Q4_K.get_scale_min(scales)
    # Each 32 bytes of qs hold two groups: the low nibbles, then the high ones.
    qs = qs.reshape(-1, 4, 1, 32) >> np.array([0, 4], dtype=np.uint8).reshape(1, 1, 2, 1)
    values = (qs & np.uint8(0x0F)).reshape(rows, columns)
    scale = (d * sc.reshape(-1, 8).astype(np.float32)).reshape(rows, columns // GROUP)
    minimum = (dmin * m.reshape(-1, 8).astype(np.float32)).reshape(rows, columns // GROUP)
    return values, scale, minimum


def pack(values: np.ndarray, scale: np.ndarray, minimum: np.ndarray) -> tuple[torch.Tensor, torch.Tensor]:
    """torch's packed int4 matrix and its [groups, rows, 2] scales and zeros. The kernel computes
    (value - 8) * scale + zero, so zero = 8 * scale - minimum."""
    packed = torch.ops.aten._convert_weight_to_int4pack_for_cpu(torch.from_numpy(values.astype(np.int32)),
                                                                INNER_K_TILES)
    scale_t = torch.from_numpy(scale)
    zero = 8 * scale_t - torch.from_numpy(minimum)
    return packed, torch.stack([scale_t.t(), zero.t()], dim=-1).contiguous()


def q4k_matrices(gguf_path: Path, model: torch.nn.Module) -> dict[str, tuple[torch.Tensor, torch.Tensor]]:
    """Packed int4 copies of the model's linear layers whose GGUF tensor is Q4_K, by module name."""
    reader = GGUFReader(gguf_path)
    arch = str(bytes(reader.fields["general.architecture"].parts[-1]), "utf-8")
    arch_id = next(k for k, v in MODEL_ARCH_NAMES.items() if v == arch)
    names = get_tensor_name_map(arch_id, model.config.num_hidden_layers)
    tensors = {t.name: t for t in reader.tensors}
    matrices = {}
    for module_name, module in model.named_modules():
        if not isinstance(module, torch.nn.Linear):
            continue
        tensor = tensors.get(f"{names.get_name(module_name)}.weight")
        if tensor is None or tensor.tensor_type != GGMLQuantizationType.Q4_K:
            continue
        rows, columns = module.weight.shape
        if tensor.n_elements != rows * columns or columns % 256:
            continue
        packed, scales_zeros = pack(*q4k_groups(np.asarray(tensor.data), rows, columns))
        matrices[module_name] = packed, scales_zeros.to(module.weight.dtype)  # stored as the layer computes
    return matrices


def attach(model: torch.nn.Module, matrices: dict[str, tuple[torch.Tensor, torch.Tensor]], rows: int,
           kernel_dtype: torch.dtype | None = None) -> int:
    """Replace each named linear layer by a PackedLinear; returns how many."""
    for name, (packed, scales_zeros) in matrices.items():
        parent_name, _, child = name.rpartition(".")
        parent = model.get_submodule(parent_name)
        setattr(parent, child, PackedLinear(getattr(parent, child), packed, scales_zeros, rows, kernel_dtype))
    return len(matrices)


def save_matrices(matrices: dict[str, tuple[torch.Tensor, torch.Tensor]], path: Path) -> None:
    """Safetensors file of the packed matrices (written beside, then renamed: never half a file)."""
    flat = {}
    for name, (packed, scales_zeros) in matrices.items():
        flat[f"{name}.packed"], flat[f"{name}.scales_zeros"] = packed, scales_zeros
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")  # two first starts never share one
    save_file(flat, str(partial))
    partial.replace(path)


def load_matrices(path: Path) -> dict[str, tuple[torch.Tensor, torch.Tensor]]:
    flat = load_file(str(path))
    names = {key.rpartition(".")[0] for key in flat}
    return {name: (flat[f"{name}.packed"], flat[f"{name}.scales_zeros"]) for name in names}


def use_int4(model: torch.nn.Module, gguf_path: Path, store: Path | None, rows: int,
             kernel_dtype: torch.dtype | None = None) -> int:
    """Attach packed int4 copies of the GGUF's Q4_K matrices to `model`; returns how many layers.

    Read from `store` (a safetensors file) when it is there, else unpacked from the GGUF and
    saved there for the next start."""
    matrices = None
    if store is not None and store.exists():
        try:
            matrices = load_matrices(store)
        except (OSError, ValueError, KeyError, SafetensorError) as e:  # a truncated or foreign file
            logger.warning("%s: cannot read the int4 copy (%s); unpacking the GGUF again", store, e)
    if matrices is None:
        try:
            matrices = q4k_matrices(gguf_path, model)
        except (OSError, ValueError, KeyError, StopIteration) as e:  # unreadable or not a known GGUF
            logger.warning("%s: no int4 copy (%s); every step multiplies with the full weights", gguf_path, e)
            return 0
        if store is not None:
            try:
                save_matrices(matrices, store)
            except OSError as e:
                logger.warning("%s: cannot save the int4 copy (%s)", store, e)
    return attach(model, matrices, rows, kernel_dtype)

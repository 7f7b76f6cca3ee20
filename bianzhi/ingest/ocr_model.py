"""The wheel's PP-OCRv4 models with their element-wise chains folded (ocr_rapid loads them through `fused`).

paddle2onnx wrote every PP-LCNetV3 block of both models as a convolution followed by eight element-wise operators
(a learnable scale and shift, hard-swish spelt out as x · clip(x + 3, 0, 6) / 6, another learnable scale and shift)
that onnxruntime runs one pass over the tensor each: ~42 % of the recognition model's time and ~40 % of the
detection model's went there (onnxruntime's profiler, one thread). Here, on the graph loaded from the wheel's file
(nothing is downloaded or written):

- a Conv whose only consumer is Mul(scalar s) → Add(scalar t) takes them into its weights: W·s, b·s + t;
- Add(3) → Clip(0, 6) → Mul(x, ·) → Div(6) becomes one HardSwish (opset 14; onnxruntime fuses it into the Conv
  before it), the model's Squeeze nodes rewritten for opset 13's `axes` input;
- Mul(scalar c) → Add(scalar d) whose only consumer is a 1 × 1 Conv without padding (so no border effect) goes into
  that Conv: W·c, b + d·ΣW.
- (session 13) the input's three channels, always the same gray page repeated, become one: the first Conv takes the
  sum of its weights over them (`gray_input`; ocr_rapid then feeds the page once instead of three copies).
- (session 16, detection) the head's ConvTranspose → Add(bias) → BatchNormalization become one ConvTranspose
  (`fold_into_conv_transpose`), and the neck's squeeze-excite shortcut x + x · gate becomes x · (gate + 1)
  (`se_shortcut`): two passes over 1/4- to full-size maps fewer each; detection ~8 % less CPU, the same boxes.

Each is the same arithmetic up to float rounding (a line's mean score differs by ≤ 3e-6 on the benchmark scans, the
text not at all). Measured: bench/README.md, “Session 12 (branch h-o5)”."""
from __future__ import annotations

import importlib.util

GRAY = True  # the models take one gray channel instead of three equal ones (gray_input)
# the scale and shift left after a HardSwish run as a 1 × 1 depthwise Conv (affine_as_conv): onnxruntime keeps the
# tensor in its blocked layout there instead of reordering it out and in around Mul and Add (session 14)
AFFINE_CONV = True
# the detection head's ConvTranspose → Add(bias) → BatchNormalization as one ConvTranspose (fold_into_conv_transpose)
CONV_TRANSPOSE = True
# x + x · gate of the detection neck's squeeze-excite layers as x · (gate + 1) (se_shortcut)
SE_SHORTCUT = True


def available() -> bool:
    """The `onnx` package (to edit the graph) is installed; without it the models run as shipped."""
    return importlib.util.find_spec("onnx") is not None


def _constants(graph) -> dict:
    from onnx import numpy_helper

    found = {i.name: numpy_helper.to_array(i) for i in graph.initializer}
    for node in graph.node:
        if node.op_type == "Constant" and node.attribute and node.attribute[0].name == "value":
            found[node.output[0]] = numpy_helper.to_array(node.attribute[0].t)
    return found


class _Graph:
    def __init__(self, model):
        self.model = model
        self.nodes = list(model.graph.node)
        self.constants = _constants(model.graph)
        self.added: list = []

    def users(self) -> dict[str, list]:
        found: dict[str, list] = {}
        for node in self.nodes:
            for name in node.input:
                found.setdefault(name, []).append(node)
        return found

    @staticmethod
    def only_user(users: dict, name: str, op: str):
        found = users.get(name, [])
        return found[0] if len(found) == 1 and found[0].op_type == op else None

    def scalar(self, node, value: float | None = None) -> tuple[float, str] | None:
        """(the scalar constant, the other input) of a binary node with one scalar constant input (the divisor of
        a Div), optionally only when the constant equals `value`."""
        if node is None or len(node.input) != 2:
            return None
        a, b = node.input
        for const, other in ((a, b), (b, a)):
            if node.op_type == "Div" and const != b:
                continue
            if const in self.constants and self.constants[const].size == 1:
                v = float(self.constants[const].ravel()[0])
                if value is None or v == value:
                    return v, other
        return None

    def constant(self, name: str, array) -> str:
        import numpy as np
        from onnx import numpy_helper

        array = np.asarray(array, dtype=np.float32)
        self.constants[name] = array
        self.added.append(numpy_helper.from_array(array, name))
        return name

    def conv_weights(self, conv):
        import numpy as np

        weights = self.constants.get(conv.input[1])
        if weights is None:
            return None, None
        bias = self.constants[conv.input[2]] if len(conv.input) > 2 else np.zeros(weights.shape[0], np.float32)
        return weights, bias


def fold_affine_into_conv(g: _Graph) -> int:
    """Conv → Mul(s) → Add(t), each the only consumer of the one before: the Conv computes s·(W*x + b) + t."""
    users, drop, count = g.users(), set(), 0
    for conv in [n for n in g.nodes if n.op_type == "Conv"]:
        mul = g.only_user(users, conv.output[0], "Mul")
        scale = g.scalar(mul)
        add = g.only_user(users, mul.output[0], "Add") if scale else None
        shift = g.scalar(add)
        weights, bias = g.conv_weights(conv)
        if not shift or weights is None:
            continue
        x = conv.input[0]
        del conv.input[:]
        conv.input.extend([x, g.constant(conv.output[0] + "/w_folded", weights * scale[0]),
                           g.constant(conv.output[0] + "/b_folded", bias * scale[0] + shift[0])])
        conv.output[0] = add.output[0]
        drop.update((id(mul), id(add)))
        count += 1
    g.nodes = [n for n in g.nodes if id(n) not in drop]
    return count


def hard_swish(g: _Graph) -> int:
    """x → Add(3) → Clip(0, 6) → Mul(x, ·) → Div(6) replaced by HardSwish(x)."""
    from onnx import helper

    users, replace, drop = g.users(), {}, set()
    for add in [n for n in g.nodes if n.op_type == "Add"]:
        three = g.scalar(add, 3.0)
        clip = g.only_user(users, add.output[0], "Clip") if three else None
        if clip is None or len(clip.input) != 3:
            continue
        low, high = g.constants.get(clip.input[1]), g.constants.get(clip.input[2])
        if low is None or high is None or float(low) != 0.0 or float(high) != 6.0:
            continue
        x = three[1]
        mul = g.only_user(users, clip.output[0], "Mul")
        if mul is None or set(mul.input) != {x, clip.output[0]}:
            continue
        div = g.only_user(users, mul.output[0], "Div")
        if not g.scalar(div, 6.0):
            continue
        replace[id(add)] = helper.make_node("HardSwish", [x], [div.output[0]], name=div.output[0] + "/hardswish")
        drop.update((id(clip), id(mul), id(div)))
    g.nodes = [replace.get(id(n), n) for n in g.nodes if id(n) not in drop]
    return len(replace)


def fold_affine_into_pointwise(g: _Graph) -> int:
    """Mul(c) → Add(d) feeding only a 1 × 1 Conv without padding or groups: W*(c·x + d) + b = (c·W)*x + b + d·ΣW."""
    from onnx import helper

    users, drop, count = g.users(), set(), 0
    for mul in [n for n in g.nodes if n.op_type == "Mul"]:
        scale = g.scalar(mul)
        add = g.only_user(users, mul.output[0], "Add") if scale else None
        shift = g.scalar(add)
        conv = g.only_user(users, add.output[0], "Conv") if shift else None
        if conv is None:
            continue
        weights, bias = g.conv_weights(conv)
        attrs = {a.name: helper.get_attribute_value(a) for a in conv.attribute}
        if weights is None or weights.shape[2:] != (1, 1) or any(attrs.get("pads", [0])) or attrs.get("group", 1) != 1:
            continue
        del conv.input[:]
        conv.input.extend([scale[1], g.constant(conv.output[0] + "/w_in", weights * scale[0]),
                           g.constant(conv.output[0] + "/b_in", bias + shift[0] * weights.sum(axis=(1, 2, 3)))])
        drop.update((id(mul), id(add)))
        count += 1
    g.nodes = [n for n in g.nodes if id(n) not in drop]
    return count


def affine_as_conv(g: _Graph) -> int:
    """Mul(scalar c) → Add(scalar d) after a HardSwish of a Conv's output (the blocks' second learnable scale and
    shift, left where it feeds a zero-padded depthwise Conv, a pooling or the squeeze-excite) becomes a 1 × 1
    depthwise Conv (weight c, bias d per channel): the same c·x + d, but onnxruntime runs it in its blocked NCHWc
    layout, where the two element-wise operators made it reorder the tensor out of that layout and back in around
    them (session 14)."""
    from onnx import helper

    users, drop, replace = g.users(), set(), {}
    producers = {out: node for node in g.nodes for out in node.output}
    for mul in [n for n in g.nodes if n.op_type == "Mul"]:
        scale = g.scalar(mul)
        add = g.only_user(users, mul.output[0], "Add") if scale else None
        shift = g.scalar(add)
        act = producers.get(scale[1]) if shift else None
        conv = producers.get(act.input[0]) if act is not None and act.op_type == "HardSwish" else None
        weights = g.conv_weights(conv)[0] if conv is not None and conv.op_type == "Conv" else None
        if weights is None:
            continue
        channels = weights.shape[0]
        name = add.output[0] + "/affine"
        replace[id(mul)] = helper.make_node(
            "Conv", [scale[1], g.constant(name + "_w", [[[[scale[0]]]]] * channels),
                     g.constant(name + "_b", [shift[0]] * channels)],
            [add.output[0]], name=name, group=channels, kernel_shape=[1, 1])
        drop.add(id(add))
    g.nodes = [replace.get(id(n), n) for n in g.nodes if id(n) not in drop]
    return len(replace)


def fold_into_conv_transpose(g: _Graph) -> int:
    """ConvTranspose → Add(bias per channel) → BatchNormalization (the detection head's two upsamplings): the bias
    and the normalisation go into the ConvTranspose's weights and bias (its weight is [in, out / group, kh, kw]:
    each output channel's slice scaled by the normalisation's γ / √(var + ε)); onnxruntime ran the Add and the
    normalisation as two more passes over the 1/2- and full-size maps (session 16)."""
    import numpy as np
    from onnx import helper

    users, drop, count = g.users(), set(), 0
    for conv in [n for n in g.nodes if n.op_type == "ConvTranspose"]:
        weights = g.constants.get(conv.input[1])
        attrs = {a.name: helper.get_attribute_value(a) for a in conv.attribute}
        if weights is None or len(conv.input) > 2 or attrs.get("group", 1) != 1:
            continue
        add = g.only_user(users, conv.output[0], "Add")
        bias = None
        if add is not None:
            other = add.input[1] if add.input[0] == conv.output[0] else add.input[0]
            bias = g.constants.get(other)
        if bias is None or bias.size != weights.shape[1] or bias.reshape(-1).shape[0] != bias.size:
            continue
        bias = bias.reshape(-1).astype(np.float32)
        weights = weights.astype(np.float32)
        out = add.output[0]
        drop.add(id(add))
        norm = g.only_user(users, out, "BatchNormalization")
        if norm is not None and len(norm.input) == 5 and all(i in g.constants for i in norm.input[1:]):
            gamma, beta, mean, var = (g.constants[i].astype(np.float32) for i in norm.input[1:])
            eps = next((helper.get_attribute_value(a) for a in norm.attribute if a.name == "epsilon"), 1e-5)
            scale = gamma / np.sqrt(var + eps)
            weights = weights * scale[None, :, None, None]
            bias = (bias - mean) * scale + beta
            out = norm.output[0]
            drop.add(id(norm))
        x = conv.input[0]
        del conv.input[:]
        conv.input.extend([x, g.constant(conv.output[0] + "/w_folded", weights),
                           g.constant(conv.output[0] + "/b_folded", bias)])
        conv.output[0] = out
        count += 1
    g.nodes = [n for n in g.nodes if id(n) not in drop]
    return count


def se_shortcut(g: _Graph) -> int:
    """x + x · gate (the detection neck's squeeze-excite layers with their shortcut: the gate a HardSigmoid of
    [1, C, 1, 1]) becomes x · (gate + 1): the Add over the full feature map (onnxruntime ran it outside its blocked
    layout, up to 240 × 168 × 96 values) becomes an Add over the C gate values (session 16)."""
    from onnx import helper

    users, producers = g.users(), {out: node for node in g.nodes for out in node.output}
    replace: dict[int, list] = {}
    drop = set()
    one = None
    for mul in [n for n in g.nodes if n.op_type == "Mul" and len(n.input) == 2]:
        for x, gate in ((mul.input[0], mul.input[1]), (mul.input[1], mul.input[0])):
            source = producers.get(gate)
            add = g.only_user(users, mul.output[0], "Add")
            if source is None or source.op_type != "HardSigmoid" or add is None or set(add.input) != {x, mul.output[0]}:
                continue
            one = one or g.constant("se_shortcut/one", [1.0])
            lifted = gate + "/plus_one"
            replace[id(mul)] = [helper.make_node("Add", [gate, one], [lifted], name=lifted),
                                helper.make_node("Mul", [x, lifted], [add.output[0]], name=mul.name)]
            drop.add(id(add))
            break
    g.nodes = [m for n in g.nodes if id(n) not in drop for m in replace.get(id(n), [n])]
    return len(replace)


def gray_input(g: _Graph) -> int:
    """The image input's three channels, always equal (a gray page repeated), become one: the first Conv, the
    input's only consumer, takes the sum of its weights over the input channels (zero padding is the same in every
    channel, so W_r*x + W_g*x + W_b*x = (W_r + W_g + W_b)*x). Returns 1 when done (the caller feeds one channel)."""
    graph = g.model.graph
    dims = graph.input[0].type.tensor_type.shape.dim
    users = g.users().get(graph.input[0].name, [])
    if len(dims) != 4 or dims[1].dim_value != 3 or len(users) != 1 or users[0].op_type != "Conv":
        return 0
    conv = users[0]
    weights, _bias = g.conv_weights(conv)
    attrs = {a.name: a for a in conv.attribute}
    if weights is None or weights.shape[1] != 3 or ("group" in attrs and attrs["group"].i != 1):
        return 0
    conv.input[1] = g.constant(conv.input[1] + "/gray", weights.sum(axis=1, keepdims=True))
    dims[1].dim_value = 1
    return 1


def _opset_14(g: _Graph) -> None:
    """HardSwish needs opset 14; from opset 13 Squeeze/Unsqueeze take their axes as an input."""
    import numpy as np
    from onnx import numpy_helper

    for node in g.nodes:
        if node.op_type in ("Squeeze", "Unsqueeze"):
            axes = [a for a in node.attribute if a.name == "axes"]
            if axes:
                name = node.output[0] + "/axes"
                g.added.append(numpy_helper.from_array(np.asarray(axes[0].ints, dtype=np.int64), name))
                node.attribute.remove(axes[0])
                node.input.append(name)
    for opset in g.model.opset_import:
        if opset.domain in ("", "ai.onnx"):
            opset.version = max(opset.version, 14)


def fused(path: str) -> tuple[bytes, dict[str, int]]:
    """The model at `path` with its element-wise chains folded, serialized for onnxruntime, and the count of each
    rewrite (all zero: the graph is returned as it was)."""
    import onnx

    model = onnx.load(path)
    g = _Graph(model)
    counts = {"affine": fold_affine_into_conv(g), "hardswish": hard_swish(g), "pointwise": fold_affine_into_pointwise(g),
              "gray": gray_input(g) if GRAY else 0,
              "affine_conv": affine_as_conv(g) if AFFINE_CONV else 0,
              "conv_transpose": fold_into_conv_transpose(g) if CONV_TRANSPOSE else 0,
              "se_shortcut": se_shortcut(g) if SE_SHORTCUT else 0}
    if counts["hardswish"]:
        _opset_14(g)
    used = {name for node in g.nodes for name in node.input} | {o.name for o in model.graph.output}
    g.nodes = [n for n in g.nodes if n.op_type != "Constant" or n.output[0] in used]  # the folded weights' old copies
    del model.graph.node[:]
    model.graph.node.extend(g.nodes)
    model.graph.initializer.extend(g.added)
    kept = [i for i in model.graph.initializer if i.name in used]  # and the initializers' (the gray input's conv)
    del model.graph.initializer[:]
    model.graph.initializer.extend(kept)
    return model.SerializeToString(), counts

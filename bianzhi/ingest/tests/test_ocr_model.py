"""CPU per scanned page (session 12): the OCR models' element-wise chains folded into their convolutions (ocr_model:
same outputs, fewer operators, the same text read from a real scan with the folded and the shipped models), and a
1-bit scan's pages taken from the PDF as PBM (the same pixels, no PNG round trip)."""
import shutil
import subprocess

import numpy as np
import pytest

from bianzhi.ingest import extract, ocr_model, ocr_rapid

from .conftest import CORPUS

needs_onnx = pytest.mark.skipif(not ocr_model.available() or not ocr_rapid.available(),
                                reason="未安装 onnx 或 rapidocr-onnxruntime，跳过模型融合测试")


def _block_model(path, second_kernel: int):
    """Conv 3×3 → ·1.5 + 0.25 → hard-swish spelt out → ·0.5 − 0.1 → Conv second_kernel × second_kernel (padded when
    3), as paddle2onnx writes a PP-LCNetV3 block (opset 12, scalars as Constant nodes)."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    rng = np.random.default_rng(7)

    def const(name, value):
        return helper.make_node("Constant", [], [name], value=numpy_helper.from_array(np.asarray(value, np.float32), name))

    pad = (second_kernel - 1) // 2
    nodes = [
        const("w1", rng.standard_normal((4, 3, 3, 3))), const("b1", rng.standard_normal(4)),
        const("w2", rng.standard_normal((5, 4, second_kernel, second_kernel))), const("b2", rng.standard_normal(5)),
        const("s", [1.5]), const("t", [0.25]), const("three", [3.0]), const("zero", 0.0), const("six", 6.0),
        const("six_d", [6.0]), const("c", [0.5]), const("d", [-0.1]),
        helper.make_node("Conv", ["x", "w1", "b1"], ["y"], pads=[1, 1, 1, 1]),
        helper.make_node("Mul", ["s", "y"], ["ys"]),
        helper.make_node("Add", ["ys", "t"], ["yt"]),
        helper.make_node("Add", ["yt", "three"], ["y3"]),
        helper.make_node("Clip", ["y3", "zero", "six"], ["yc"]),
        helper.make_node("Mul", ["yt", "yc"], ["ym"]),
        helper.make_node("Div", ["ym", "six_d"], ["h"]),
        helper.make_node("Mul", ["c", "h"], ["hc"]),
        helper.make_node("Add", ["hc", "d"], ["hd"]),
        helper.make_node("Conv", ["hd", "w2", "b2"], ["out"], pads=[pad] * 4),
    ]
    graph = helper.make_graph(nodes, "block", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 3, 8, 12])],
                              [helper.make_tensor_value_info("out", TensorProto.FLOAT, None)])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 12)])
    model.ir_version = 7
    onnx.save(model, path)


def _run(model, x):
    import onnxruntime as ort

    session = ort.InferenceSession(model, providers=["CPUExecutionProvider"])
    return session.run(None, {"x": x})[0]


@needs_onnx
def test_a_block_folds_to_conv_hardswish_conv_with_the_same_output(tmp_path, monkeypatch):
    import onnx

    monkeypatch.setattr(ocr_model, "GRAY", False)  # three different input channels here (gray_input: the next test)
    path = str(tmp_path / "block.onnx")
    _block_model(path, second_kernel=1)
    data, counts = ocr_model.fused(path)
    assert counts == {"affine": 1, "hardswish": 1, "pointwise": 1, "gray": 0, "affine_conv": 0, "conv_transpose": 0, "se_shortcut": 0}
    ops = [n.op_type for n in onnx.load_from_string(data).graph.node if n.op_type != "Constant"]
    assert ops == ["Conv", "HardSwish", "Conv"]
    x = np.random.default_rng(1).standard_normal((1, 3, 8, 12)).astype(np.float32) * 3
    np.testing.assert_allclose(_run(data, x), _run(path, x), rtol=1e-5, atol=1e-5)


@needs_onnx
def test_a_shift_before_a_padded_conv_is_kept(tmp_path, monkeypatch):
    # zero padding of (c·x + d) is not c·(zero padding of x) + d at the border: the shift stays before a 3 × 3 conv
    import onnx

    path = str(tmp_path / "block3.onnx")
    _block_model(path, second_kernel=3)
    monkeypatch.setattr(ocr_model, "GRAY", False)
    monkeypatch.setattr(ocr_model, "AFFINE_CONV", False)
    data, counts = ocr_model.fused(path)
    assert counts == {"affine": 1, "hardswish": 1, "pointwise": 0, "gray": 0, "affine_conv": 0, "conv_transpose": 0, "se_shortcut": 0}
    ops = [n.op_type for n in onnx.load_from_string(data).graph.node if n.op_type != "Constant"]
    assert ops == ["Conv", "HardSwish", "Mul", "Add", "Conv"]
    x = np.random.default_rng(2).standard_normal((1, 3, 8, 12)).astype(np.float32) * 3
    np.testing.assert_allclose(_run(data, x), _run(path, x), rtol=1e-5, atol=1e-5)


@needs_onnx
def test_a_shift_before_a_padded_conv_runs_as_a_depthwise_conv_with_the_same_output(tmp_path, monkeypatch):
    # session 14: the scale and shift kept before a padded conv become a 1 × 1 depthwise Conv (c, d per channel), which
    # onnxruntime keeps in its blocked layout (Mul and Add made it reorder the tensor out and back in)
    import onnx
    from onnx import helper

    path = str(tmp_path / "block3.onnx")
    _block_model(path, second_kernel=3)
    monkeypatch.setattr(ocr_model, "GRAY", False)
    data, counts = ocr_model.fused(path)
    assert counts == {"affine": 1, "hardswish": 1, "pointwise": 0, "gray": 0, "affine_conv": 1, "conv_transpose": 0, "se_shortcut": 0}
    nodes = [n for n in onnx.load_from_string(data).graph.node if n.op_type != "Constant"]
    assert [n.op_type for n in nodes] == ["Conv", "HardSwish", "Conv", "Conv"]
    attrs = {a.name: helper.get_attribute_value(a) for a in nodes[2].attribute}
    assert attrs == {"group": 4, "kernel_shape": [1, 1]}  # one weight per channel of the first conv's 4
    x = np.random.default_rng(2).standard_normal((1, 3, 8, 12)).astype(np.float32) * 3
    np.testing.assert_allclose(_run(data, x), _run(path, x), rtol=1e-5, atol=1e-5)


@needs_onnx
def test_a_gray_page_goes_in_as_one_channel_with_the_same_output(tmp_path):
    # session 13: the page is gray, its three input channels equal: the first conv sums its weights over them
    import onnx

    path = str(tmp_path / "block.onnx")
    _block_model(path, second_kernel=1)
    data, counts = ocr_model.fused(path)
    assert counts == {"affine": 1, "hardswish": 1, "pointwise": 1, "gray": 1, "affine_conv": 0, "conv_transpose": 0, "se_shortcut": 0}
    model = onnx.load_from_string(data)
    assert [d.dim_value for d in model.graph.input[0].type.tensor_type.shape.dim] == [1, 1, 8, 12]
    gray = np.random.default_rng(3).standard_normal((1, 1, 8, 12)).astype(np.float32) * 3
    np.testing.assert_allclose(_run(data, gray), _run(path, np.repeat(gray, 3, axis=1)), rtol=1e-5, atol=1e-5)


def _upsampling_model(path):
    """The detection head's upsampling as paddle2onnx writes it: ConvTranspose (no bias) → Add(bias [1, C, 1, 1]) →
    BatchNormalization → Relu → ConvTranspose → Add(bias) → Sigmoid."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    rng = np.random.default_rng(11)
    inits = {"w1": rng.standard_normal((4, 3, 2, 2)), "b1": rng.standard_normal((1, 3, 1, 1)),
             "gamma": rng.uniform(0.5, 2, 3), "beta": rng.standard_normal(3), "mean": rng.standard_normal(3),
             "var": rng.uniform(0.1, 2, 3), "w2": rng.standard_normal((3, 1, 2, 2)), "b2": rng.standard_normal((1, 1, 1, 1))}
    nodes = [
        helper.make_node("ConvTranspose", ["x", "w1"], ["u"], strides=[2, 2]),
        helper.make_node("Add", ["u", "b1"], ["ub"]),
        helper.make_node("BatchNormalization", ["ub", "gamma", "beta", "mean", "var"], ["n"], epsilon=1e-5),
        helper.make_node("Relu", ["n"], ["r"]),
        helper.make_node("ConvTranspose", ["r", "w2"], ["v"], strides=[2, 2]),
        helper.make_node("Add", ["v", "b2"], ["vb"]),
        helper.make_node("Sigmoid", ["vb"], ["out"]),
    ]
    graph = helper.make_graph(nodes, "head", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 4, 5, 7])],
                              [helper.make_tensor_value_info("out", TensorProto.FLOAT, None)],
                              [numpy_helper.from_array(np.asarray(v, np.float32), k) for k, v in inits.items()])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 12)])
    model.ir_version = 7
    onnx.save(model, path)


@needs_onnx
def test_the_upsamplings_bias_and_normalisation_go_into_the_conv_transpose(tmp_path):
    # session 16: the detection head's ConvTranspose → Add → BatchNormalization becomes one ConvTranspose
    import onnx

    path = str(tmp_path / "head.onnx")
    _upsampling_model(path)
    data, counts = ocr_model.fused(path)
    assert counts["conv_transpose"] == 2
    ops = [n.op_type for n in onnx.load_from_string(data).graph.node]
    assert ops == ["ConvTranspose", "Relu", "ConvTranspose", "Sigmoid"]
    x = np.random.default_rng(4).standard_normal((1, 4, 5, 7)).astype(np.float32)
    np.testing.assert_allclose(_run(data, x), _run(path, x), rtol=1e-5, atol=1e-6)


@needs_onnx
def test_a_squeeze_excite_shortcut_becomes_one_multiplication_with_the_same_output(tmp_path):
    # session 16: x + x · HardSigmoid(…) (the detection neck's RSE layers) runs as x · (gate + 1)
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    rng = np.random.default_rng(12)
    inits = [numpy_helper.from_array(rng.standard_normal((4, 4, 1, 1)).astype(np.float32), "w")]
    nodes = [helper.make_node("GlobalAveragePool", ["x"], ["p"]),
             helper.make_node("Conv", ["p", "w"], ["q"]),
             helper.make_node("HardSigmoid", ["q"], ["gate"], alpha=0.2, beta=0.5),
             helper.make_node("Mul", ["x", "gate"], ["xg"]),
             helper.make_node("Add", ["x", "xg"], ["out"])]
    graph = helper.make_graph(nodes, "rse", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 4, 6, 9])],
                              [helper.make_tensor_value_info("out", TensorProto.FLOAT, None)], inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 12)])
    model.ir_version = 7
    path = str(tmp_path / "rse.onnx")
    onnx.save(model, path)
    data, counts = ocr_model.fused(path)
    assert counts["se_shortcut"] == 1
    ops = [n.op_type for n in onnx.load_from_string(data).graph.node]
    assert ops == ["GlobalAveragePool", "Conv", "HardSigmoid", "Add", "Mul"]
    x = rng.standard_normal((1, 4, 6, 9)).astype(np.float32) * 3
    np.testing.assert_allclose(_run(data, x), _run(path, x), rtol=1e-5, atol=1e-5)


@needs_onnx
def test_the_wheels_models_are_folded_and_read_a_scan_as_before(monkeypatch):
    from pathlib import Path

    import rapidocr_onnxruntime

    models = Path(rapidocr_onnxruntime.__file__).resolve().parent / "models"
    assert ocr_model.fused(str(models / "ch_PP-OCRv4_rec_infer.onnx"))[1] == {"affine": 28, "hardswish": 28,
                                                                              "pointwise": 12, "gray": 1,
                                                                              "affine_conv": 16, "conv_transpose": 0, "se_shortcut": 0}
    assert ocr_model.fused(str(models / "ch_PP-OCRv4_det_infer.onnx"))[1] == {"affine": 28, "hardswish": 24,
                                                                              "pointwise": 10, "gray": 1,
                                                                              "affine_conv": 14, "conv_transpose": 2, "se_shortcut": 8}
    gray = ocr_rapid.load_gray(str(CORPUS / "n1_baise_jiaoyuju_tiaozheng.scan.png"))
    monkeypatch.setattr(ocr_rapid, "FUSE", True)
    folded = ocr_rapid._Engine()
    monkeypatch.setattr(ocr_rapid, "FUSE", False)
    shipped = ocr_rapid._Engine()
    assert (folded.det_channels, folded.rec_channels, shipped.det_channels, shipped.rec_channels) == (1, 1, 3, 3)
    boxes = ocr_rapid.detect(folded, gray)
    assert len(boxes) == len(ocr_rapid.detect(shipped, gray)) >= 15
    crops = [ocr_rapid.scale_line(ocr_rapid.cut_line(gray, p), ocr_rapid.REC_HEIGHT) for p in boxes]
    read_folded, read_shipped = ocr_rapid.recognise(folded, crops), ocr_rapid.recognise(shipped, crops)
    assert [t for t, _ in read_folded] == [t for t, _ in read_shipped]
    assert "百色市教育局" in "".join(t for t, _ in read_folded)
    assert max(abs(a - b) for (_, a), (_, b) in zip(read_folded, read_shipped, strict=True)) < 1e-4


needs_pdfimages = pytest.mark.skipif(shutil.which("pdfimages") is None, reason="未安装 poppler（pdfimages），跳过")


@needs_pdfimages
def test_a_bitonal_scans_pages_are_taken_as_pbm_with_the_pixels_of_png(tmp_path):
    # a scanner's 1-bit CCITT pages: PBM, not PNG (no compression round trip), the very same pixels
    from PIL import Image

    pdf = CORPUS / "s1_baise_jiaoyuju_2019.scan.pdf"
    images = extract._scan_images(pdf, tmp_path)
    assert [p.name for p in images] == ["img-000.pbm", "img-001.pbm"]
    png = tmp_path / "png"
    png.mkdir()
    subprocess.run(["pdfimages", "-png", str(pdf), str(png / "img")], check=True)
    for ours, reference in zip(images, sorted(png.glob("*.png")), strict=True):
        with Image.open(ours) as a, Image.open(reference) as b:
            assert a.mode == b.mode == "1" and a.size == b.size == (1654, 2339)
            assert np.array_equal(np.asarray(a), np.asarray(b))


@needs_pdfimages
def test_a_gray_jpeg_scan_stays_gray(tmp_path):
    # pdfimages writes a gray JPEG as an RGB PPM by default: such pages stay PNG, gray, as the preparation expects
    from PIL import Image

    page = Image.new("L", (1240, 1754), 235)
    page.paste(40, (200, 300, 1000, 330))
    pdf = tmp_path / "gray.pdf"
    page.save(pdf, resolution=150)
    images = extract._scan_images(pdf, tmp_path)
    assert [p.name for p in images] == ["img-000.png"]
    with Image.open(images[0]) as img:
        assert img.mode == "L" and img.size == (1240, 1754)

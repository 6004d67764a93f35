package toynn.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import toynn.ActivationFunction;
import toynn.NeuralNetwork;
import toynn.data.Normalizer;
import toynn.io.ModelFormatException;
import toynn.io.ModelFormats;
import toynn.layers.Dense;
import toynn.onnx.proto.OnnxProtos.AttributeProto;
import toynn.onnx.proto.OnnxProtos.GraphProto;
import toynn.onnx.proto.OnnxProtos.ModelProto;
import toynn.onnx.proto.OnnxProtos.NodeProto;
import toynn.onnx.proto.OnnxProtos.OperatorSetIdProto;
import toynn.onnx.proto.OnnxProtos.StringStringEntryProto;
import toynn.onnx.proto.OnnxProtos.TensorProto;
import toynn.onnx.proto.OnnxProtos.TensorShapeProto;
import toynn.onnx.proto.OnnxProtos.TypeProto;
import toynn.onnx.proto.OnnxProtos.ValueInfoProto;
import toynn.util.Rng;

class OnnxFormatTest {
    @TempDir
    Path tmp;

    // ---------------------------------------------------------------- ONNX Runtime as the reference

    /** Runs the model in ONNX Runtime on a batch; returns its outputs. */
    static float[][] runtime(byte[] model, String inputName, float[][] inputs) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            try (OrtSession session = env.createSession(model, options);
                 OnnxTensor x = OnnxTensor.createTensor(env, inputs);
                 OrtSession.Result result = session.run(Map.of(inputName, x))) {
                return (float[][]) result.get(0).getValue();
            }
        }
    }

    static float[][] inputs(int n, int size, long seed) {
        Rng rng = new Rng(seed);
        float[][] xs = new float[n][size];
        for (float[] x : xs) {
            for (int i = 0; i < size; i++) {
                x[i] = (float) rng.uniform(-3, 3);
            }
        }
        return xs;
    }

    static NeuralNetwork everyActivation(long seed) {
        NeuralNetwork nn = NeuralNetwork.seeded(seed, 5, 8, 7, 6, 5, 4, 3);
        ActivationFunction[] fs = {ActivationFunction.RELU, ActivationFunction.LEAKY_RELU, ActivationFunction.ELU,
            ActivationFunction.TANH, ActivationFunction.SIGMOID, ActivationFunction.SOFTMAX};
        for (int i = 0; i < fs.length; i++) {
            nn.setActivationFunction(i, fs[i]);
        }
        return nn;
    }

    private static void assertPredictsLike(NeuralNetwork nn, float[][] xs, float[][] reference, String what) {
        assertEquals(xs.length, reference.length);
        for (int s = 0; s < xs.length; s++) {
            assertArrayEquals(reference[s], nn.predict(xs[s]), 1e-5f, what + ": sample " + s);
        }
    }

    @Test
    void exportedModelsRunInOnnxRuntimeLikeToyNN() throws Exception {
        NeuralNetwork linearOut = NeuralNetwork.seeded(3, 4, 10, 2);
        linearOut.setActivationFunction(1, ActivationFunction.LINEAR);
        NeuralNetwork oneLayer = NeuralNetwork.seeded(4, 6, 3);
        for (NeuralNetwork nn : List.of(everyActivation(1), NeuralNetwork.seeded(2, 3, 5, 1), linearOut, oneLayer)) {
            float[][] xs = inputs(64, nn.inputSize(), 7);
            assertPredictsLike(nn, xs, runtime(OnnxFormat.toBytes(nn), OnnxFormat.INPUT_NAME, xs),
                    Arrays.toString(nn.layerSizes()));
        }
    }

    @Test
    void exportedGraphStatesOpsetAndShapes() {
        ModelProto m = OnnxFormat.toModel(everyActivation(1));
        assertEquals(OnnxFormat.IR_VERSION, m.getIrVersion());
        assertEquals(OnnxFormat.OPSET, m.getOpsetImport(0).getVersion());
        assertEquals(List.of("Gemm", "Relu", "Gemm", "LeakyRelu", "Gemm", "Elu", "Gemm", "Tanh", "Gemm", "Sigmoid",
                "Gemm", "Softmax"), m.getGraph().getNodeList().stream().map(NodeProto::getOpType).toList());
        ValueInfoProto in = m.getGraph().getInput(0);
        assertEquals("input", in.getName());
        assertEquals("batch", in.getType().getTensorType().getShape().getDim(0).getDimParam());
        assertEquals(5, in.getType().getTensorType().getShape().getDim(1).getDimValue());
        assertEquals("output", m.getGraph().getOutput(0).getName());
        assertEquals("output", m.getGraph().getNode(11).getOutput(0));
    }

    @Test
    void importRoundTripIsExact() throws IOException {
        NeuralNetwork nn = everyActivation(5);
        Path file = tmp.resolve("m.onnx");
        OnnxFormat.save(nn, file);
        NeuralNetwork back = OnnxFormat.load(file);
        assertArrayEquals(nn.layerSizes(), back.layerSizes());
        for (int l = 0; l < nn.layers().size(); l++) {
            assertArrayEquals(nn.layers().get(l).weights(), back.layers().get(l).weights());
            assertArrayEquals(nn.layers().get(l).bias(), back.layers().get(l).bias());
            assertEquals(nn.layers().get(l).activation(), back.layers().get(l).activation());
        }
    }

    @Test
    void registryFindsOnnxAndConvertsBothWays() throws IOException {
        assertTrue(ModelFormats.names().contains("onnx"), ModelFormats.names().toString());
        NeuralNetwork nn = everyActivation(9);
        ModelFormats.write("tfjs", nn, tmp.resolve("tfjs"));
        ModelFormats.write("onnx", ModelFormats.read("tfjs", tmp.resolve("tfjs")), tmp.resolve("m.onnx"));
        assertEquals("onnx", ModelFormats.detect(tmp.resolve("m.onnx")));
        ModelFormats.write("toynn", ModelFormats.load(tmp.resolve("m.onnx")), tmp.resolve("m.json"));
        NeuralNetwork back = ModelFormats.load(tmp.resolve("m.json"));
        for (float[] x : inputs(10, 5, 3)) {
            assertArrayEquals(nn.predict(x), back.predict(x));
        }
    }

    /** Normalizers are folded into the weights (ONNX has none): ORT on raw inputs matches ToyNN's predict. */
    @Test
    void normalizersAreFoldedAndClassNamesKept() throws Exception {
        NeuralNetwork reg = NeuralNetwork.seeded(13, 3, 6, 2);
        reg.setActivationFunction(0, ActivationFunction.TANH);
        reg.setActivationFunction(1, ActivationFunction.LINEAR);
        reg.setInputNormalizer(Normalizer.minMax(new double[] {0, -1, 50}, new double[] {255, 1, 50}));
        reg.setTargetNormalizer(Normalizer.zScore(new double[] {300, -2}, new double[] {40, 0.5}));
        float[][] xs = inputs(40, 3, 17);
        for (float[] x : xs) {
            x[0] = 128 + 40 * x[0];                                       // raw pixel-like values
        }
        float[][] ort = runtime(OnnxFormat.toBytes(reg), "input", xs);
        NeuralNetwork back = OnnxFormat.read(OnnxFormat.toBytes(reg));
        assertEquals(null, back.inputNormalizer());
        for (int s = 0; s < xs.length; s++) {
            float[] want = reg.predict(xs[s]);
            for (int o = 0; o < want.length; o++) {
                double tol = 1e-5 * Math.max(1, Math.abs(want[o]));
                assertEquals(want[o], ort[s][o], tol, "ORT, sample " + s);
                assertEquals(want[o], back.predict(xs[s])[o], tol, "re-imported, sample " + s);
            }
        }

        NeuralNetwork cls = NeuralNetwork.seeded(14, 4, 5, 3);
        cls.setActivationFunction(1, ActivationFunction.SOFTMAX);
        cls.setClassNames(List.of("rock", "paper", "scissors"));
        assertEquals(List.of("rock", "paper", "scissors"), OnnxFormat.read(OnnxFormat.toBytes(cls)).classNames());

        NeuralNetwork squashed = NeuralNetwork.seeded(15, 2, 3, 1);      // sigmoid output: cannot absorb a target map
        squashed.setTargetNormalizer(Normalizer.minMax(new double[] {0}, new double[] {10}));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> OnnxFormat.toModel(squashed));
        assertTrue(e.getMessage().contains("after a sigmoid output layer; ONNX holds no normalizer"), e.getMessage());
    }

    /** A single output is a binary classifier: its two class names are kept, three are refused. */
    @Test
    void aOneOutputNetworkKeepsItsTwoClassNames() {
        NeuralNetwork binary = NeuralNetwork.seeded(16, 2, 3, 1);
        binary.setClassNames(List.of("no", "yes"));
        NeuralNetwork back = OnnxFormat.read(OnnxFormat.toBytes(binary));
        assertEquals(List.of("no", "yes"), back.classNames());
        double[] x = {0.25, 0.75};
        assertEquals(binary.classify(x).get(0).label(), back.classify(x).get(0).label());

        ModelProto three = OnnxFormat.toModel(binary).toBuilder().clearMetadataProps()
                .addMetadataProps(StringStringEntryProto.newBuilder().setKey(OnnxWriter.CLASS_NAMES_KEY)
                        .setValue("[\"a\", \"b\", \"c\"]"))
                .build();
        assertEquals("metadata_props toynn.classNames: 3 class names for 1 output; expected two (a single output is a "
                + "binary classifier)", assertThrows(ModelFormatException.class,
                        () -> OnnxFormat.read(three.toByteArray())).getMessage());
    }

    // ---------------------------------------------------------------- PyTorch-shaped files, built by hand

    static TensorProto tensor(String name, float[] values, boolean raw, long... dims) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE);
        for (long d : dims) {
            t.addDims(d);
        }
        if (raw) {
            ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (float v : values) {
                b.putFloat(v);
            }
            t.setRawData(ByteString.copyFrom(b.array()));
        } else {
            for (float v : values) {
                t.addFloatData(v);
            }
        }
        return t.build();
    }

    static ValueInfoProto value(String name, String batch, long size) {
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(1).setShape(TensorShapeProto.newBuilder()
                        .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam(batch))
                        .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(size))))).build();
    }

    static NodeProto node(String name, String op, List<String> in, String out, AttributeProto... attrs) {
        return NodeProto.newBuilder().setName(name).setOpType(op).addAllInput(in).addOutput(out)
                .addAllAttribute(List.of(attrs)).build();
    }

    static AttributeProto f(String name, float v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(v).build();
    }

    static AttributeProto i(String name, long v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(v).build();
    }

    static float[] random(int n, long seed) {
        Rng rng = new Rng(seed);
        float[] v = new float[n];
        for (int k = 0; k < n; k++) {
            v[k] = (float) rng.uniform(-1, 1);
        }
        return v;
    }

    /**
     * What {@code torch.onnx.export(nn.Sequential(Linear(4, 8), ReLU(), Linear(8, 3)), x, input_names=["input"],
     * output_names=["output"], dynamic_axes={"input": {0: "batch_size"}})} writes: Gemm with transB = 1 and
     * the Linear weights (out, in) as raw_data initializers named after the modules.
     */
    static ModelProto pytorchGemm() {
        GraphProto g = GraphProto.newBuilder().setName("main_graph")
                .addInitializer(tensor("0.weight", random(32, 1), true, 8, 4))
                .addInitializer(tensor("0.bias", random(8, 2), true, 8))
                .addInitializer(tensor("2.weight", random(24, 3), true, 3, 8))
                .addInitializer(tensor("2.bias", random(3, 4), true, 3))
                .addNode(node("/0/Gemm", "Gemm", List.of("input", "0.weight", "0.bias"), "/0/Gemm_output_0",
                        f("alpha", 1f), f("beta", 1f), i("transB", 1)))
                .addNode(node("/1/Relu", "Relu", List.of("/0/Gemm_output_0"), "/1/Relu_output_0"))
                .addNode(node("/2/Gemm", "Gemm", List.of("/1/Relu_output_0", "2.weight", "2.bias"), "output",
                        f("alpha", 1f), f("beta", 1f), i("transB", 1)))
                .addInput(value("input", "batch_size", 4))
                .addOutput(value("output", "batch_size", 3))
                .build();
        return ModelProto.newBuilder().setIrVersion(8).setProducerName("pytorch").setProducerVersion("2.3.0")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(17)).setGraph(g).build();
    }

    /**
     * The MatMul + Add shape (weights stored transposed as (in, out), bias added in a separate node —
     * here with the bias as Add's first input), float_data instead of raw_data, Softmax with opset 11's
     * axis 1, a Dropout and an Identity on the way.
     */
    static ModelProto pytorchMatMulAdd() {
        GraphProto g = GraphProto.newBuilder().setName("main_graph")
                .addInitializer(tensor("onnx::MatMul_9", random(30, 5), false, 6, 5))
                .addInitializer(tensor("0.bias", random(5, 6), false, 5))
                .addInitializer(tensor("onnx::MatMul_10", random(20, 7), false, 5, 4))
                .addInitializer(tensor("3.bias", random(4, 8), false, 1, 4))
                .addNode(node("/0/MatMul", "MatMul", List.of("x", "onnx::MatMul_9"), "/0/MatMul_output_0"))
                .addNode(node("/0/Add", "Add", List.of("0.bias", "/0/MatMul_output_0"), "/0/Add_output_0"))
                .addNode(node("/1/Sigmoid", "Sigmoid", List.of("/0/Add_output_0"), "/1/Sigmoid_output_0"))
                .addNode(node("/2/Dropout", "Dropout", List.of("/1/Sigmoid_output_0"), "/2/Dropout_output_0"))
                .addNode(node("/3/MatMul", "MatMul", List.of("/2/Dropout_output_0", "onnx::MatMul_10"), "/3/MatMul_output_0"))
                .addNode(node("/3/Add", "Add", List.of("/3/MatMul_output_0", "3.bias"), "/3/Add_output_0"))
                .addNode(node("/4/Softmax", "Softmax", List.of("/3/Add_output_0"), "/4/Softmax_output_0", i("axis", 1)))
                .addNode(node("/5/Identity", "Identity", List.of("/4/Softmax_output_0"), "probs"))
                .addInput(value("x", "N", 6))
                .addOutput(value("probs", "N", 4))
                .build();
        return ModelProto.newBuilder().setIrVersion(6).setProducerName("pytorch").setProducerVersion("1.13.1")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(11)).setGraph(g).build();
    }

    @Test
    void pytorchShapedGemmModelImportsAndPredictsLikeOnnxRuntime() throws Exception {
        ModelProto m = pytorchGemm();
        NeuralNetwork nn = OnnxFormat.read(m.toByteArray());
        assertArrayEquals(new int[] {4, 8, 3}, nn.layerSizes());
        assertEquals(ActivationFunction.RELU, nn.layers().get(0).activation());
        assertEquals(ActivationFunction.LINEAR, nn.layers().get(1).activation());
        float[][] xs = inputs(50, 4, 11);
        assertPredictsLike(nn, xs, runtime(m.toByteArray(), "input", xs), "Gemm");
    }

    @Test
    void pytorchShapedMatMulAddModelImportsAndPredictsLikeOnnxRuntime() throws Exception {
        ModelProto m = pytorchMatMulAdd();
        NeuralNetwork nn = OnnxFormat.read(m.toByteArray());
        assertArrayEquals(new int[] {6, 5, 4}, nn.layerSizes());
        assertEquals(ActivationFunction.SIGMOID, nn.layers().get(0).activation());
        assertEquals(ActivationFunction.SOFTMAX, nn.layers().get(1).activation());
        float[][] xs = inputs(50, 6, 12);
        assertPredictsLike(nn, xs, runtime(m.toByteArray(), "x", xs), "MatMul+Add");
    }

    @Test
    void gemmWithoutTransposeImportsLikeOnnxRuntime() throws Exception {
        ModelProto m = edit(pytorchGemm(), g -> {
            float[] w = random(32, 1);                                        // now (in, out) = (4, 8)
            g.setInitializer(0, tensor("0.weight", w, true, 4, 8));
            g.setNode(0, node("/0/Gemm", "Gemm", List.of("input", "0.weight", "0.bias"), "/0/Gemm_output_0"));
            return g;
        });
        NeuralNetwork nn = OnnxFormat.read(m.toByteArray());
        float[][] xs = inputs(20, 4, 13);
        assertPredictsLike(nn, xs, runtime(m.toByteArray(), "input", xs), "Gemm transB=0");
    }

    /** ONNX (and ONNX Runtime) transpose B for any non-zero transB; 2 once read as "no transpose", silently wrong. */
    @Test
    void gemmWithNonZeroTransBOtherThanOneIsTransposedLikeOnnxRuntime() throws Exception {
        ModelProto m = edit(pytorchGemm(), g -> g.setNode(0, g.getNode(0).toBuilder()
                .setAttribute(2, i("transB", 2)).build()));
        NeuralNetwork nn = OnnxFormat.read(m.toByteArray());
        assertArrayEquals(new int[] {4, 8, 3}, nn.layerSizes());
        float[][] xs = inputs(20, 4, 14);
        assertPredictsLike(nn, xs, runtime(m.toByteArray(), "input", xs), "Gemm transB=2");
    }

    // ---------------------------------------------------------------- malformed files

    static ModelProto edit(ModelProto m, UnaryOperator<GraphProto.Builder> change) {
        return m.toBuilder().setGraph(change.apply(m.getGraph().toBuilder())).build();
    }

    private static String failure(ModelProto m) {
        return assertThrows(ModelFormatException.class, () -> OnnxFormat.read(m.toByteArray())).getMessage();
    }

    @Test
    void missingInitializerIsNamed() {
        String msg = failure(edit(pytorchGemm(), g -> g.removeInitializer(2)));
        assertTrue(msg.contains("node 2 '/2/Gemm' (Gemm): missing initializer '2.weight'"), msg);
    }

    @Test
    void byteLengthAndShapeMismatchesAreCaught() {
        String msg = failure(edit(pytorchGemm(), g -> g.setInitializer(0, g.getInitializer(0).toBuilder()
                .setRawData(g.getInitializer(0).getRawData().substring(0, 100)))));
        assertTrue(msg.contains("tensor '0.weight': raw_data holds 100 bytes but shape [8, 4] needs 128"), msg);

        msg = failure(edit(pytorchMatMulAdd(), g -> g.setInitializer(0, g.getInitializer(0).toBuilder()
                .clearFloatData().addAllFloatData(g.getInitializer(0).getFloatDataList().subList(0, 29)))));
        assertTrue(msg.contains("holds 29 values in float_data but shape [6, 5] needs 30"), msg);

        msg = failure(edit(pytorchGemm(), g -> g.setInitializer(2, tensor("2.weight", random(24, 3), true, 3, 8)
                .toBuilder().clearDims().addDims(8).addDims(3).build())));
        assertTrue(msg.contains("weight '2.weight' takes 3 inputs but the layer before gives 8"), msg);

        msg = failure(edit(pytorchGemm(), g -> g.setInitializer(1, tensor("0.bias", random(7, 2), true, 7))));
        assertTrue(msg.contains("bias '0.bias' has shape [7]; expected [8] or [1, 8]"), msg);

        // Absurd dims are refused before anything is allocated.
        msg = failure(edit(pytorchGemm(), g -> g.setInitializer(0, g.getInitializer(0).toBuilder()
                .clearDims().addDims(16_777_216).addDims(16_777_216).build())));
        assertTrue(msg.contains("would hold more than"), msg);

        // Dims that fit one array but whose data is not in the file (16,777,216 × 127 floats, 8.5 GB) are refused
        // from the data's length before the layer is allocated (it ran out of memory in Dense's constructor).
        for (String op : List.of("Gemm", "MatMul")) {
            msg = failure(edit(pytorchGemm(), g -> GraphProto.newBuilder()
                    .addInitializer(TensorProto.newBuilder().setName("w").setDataType(TensorProto.DataType.FLOAT_VALUE)
                            .addDims(16_777_216).addDims(127))
                    .addNode(node("big", op, List.of("input", "w"), "output"))
                    .addInput(value("input", "n", 16_777_216)).addOutput(value("output", "n", 127))));
            assertTrue(msg.contains("node 0 'big' (" + op + "): tensor 'w': holds 0 values in float_data but shape "
                    + "[16777216, 127] needs 2130706432"), msg);
        }
    }

    @Test
    void unknownOperatorsAndAttributesAreNamed() {
        String msg = failure(edit(pytorchGemm(), g -> g.setNode(1, node("/1/Selu", "Selu", List.of("/0/Gemm_output_0"),
                "/1/Relu_output_0"))));
        assertTrue(msg.contains("node 1 '/1/Selu' (Selu): operator Selu is not supported"), msg);
        assertTrue(msg.contains("[Gemm, MatMul, Add, Relu, Sigmoid, Tanh, Softmax, LeakyRelu, Elu"), msg);

        msg = failure(edit(pytorchGemm(), g -> g.setNode(1, node("/1/LeakyRelu", "LeakyRelu",
                List.of("/0/Gemm_output_0"), "/1/Relu_output_0", f("alpha", 0.2f)))));
        assertTrue(msg.contains("alpha 0.2; ToyNN's leaky ReLU has the fixed slope 0.01"), msg);

        msg = failure(edit(pytorchGemm(), g -> g.setNode(0, g.getNode(0).toBuilder().setAttribute(0, f("alpha", 2f)).build())));
        assertTrue(msg.contains("alpha 2.0, beta 1.0, transA 0; supported: alpha 1, beta 1, transA 0"), msg);

        msg = failure(edit(pytorchGemm(), g -> g.setNode(1, node("/1/Relu", "Relu", List.of("input"), "/1/Relu_output_0"))));
        assertTrue(msg.contains("only a single chain of layers"), msg);
    }

    @Test
    void otherMalformedFilesFailClearly() throws IOException {
        byte[] good = pytorchGemm().toByteArray();
        String msg = assertThrows(ModelFormatException.class,
                () -> OnnxFormat.read(Arrays.copyOf(good, good.length / 2))).getMessage();
        assertTrue(msg.contains("not an ONNX model"), msg);

        msg = failure(edit(pytorchGemm(), g -> g.setInitializer(3, g.getInitializer(3).toBuilder()
                .setDataType(TensorProto.DataType.DOUBLE_VALUE).build())));
        assertTrue(msg.contains("tensor '2.bias' has element type DOUBLE; only float32 weights"), msg);

        msg = failure(pytorchGemm().toBuilder().clearOpsetImport().build());
        assertTrue(msg.contains("imports no opset"), msg);

        msg = failure(edit(pytorchGemm(), g -> g.addInput(value("extra", "b", 2))));
        assertTrue(msg.contains("expected exactly one input"), msg);

        // Found by the fuzzer: an Add with only the chain as input (read its missing second input).
        msg = failure(edit(pytorchGemm(), g -> GraphProto.newBuilder()
                .addInitializer(tensor("w", new float[] {1, 2, 3, 4}, true, 2, 2))
                .addNode(node("mm", "MatMul", List.of("input", "w"), "z"))
                .addNode(node("add", "Add", List.of("z"), "output"))
                .addInput(value("input", "n", 2)).addOutput(value("output", "n", 2))));
        assertTrue(msg.contains("node 1 'add' (Add): expected inputs (X, bias), got [z]"), msg);

        Path file = tmp.resolve("broken.onnx");
        Files.write(file, Arrays.copyOf(good, 40));
        msg = assertThrows(ModelFormatException.class, () -> OnnxFormat.load(file)).getMessage();
        assertTrue(msg.startsWith(file + ": "), msg);
    }

    @Test
    void customActivationCannotBeExported() {
        NeuralNetwork nn = NeuralNetwork.seeded(1, 2, 2, 1);
        nn.setActivationFunction(0, ActivationFunction.of("sq", x -> x * x, y -> 2 * Math.sqrt(y)));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> OnnxFormat.toModel(nn));
        assertTrue(e.getMessage().contains("custom activation 'sq'"), e.getMessage());
    }

    /** Keeps the Dense import honest: a hand-checked 2-2 layer, y = W·x + b with W = [[1, 2], [3, 4]]. */
    @Test
    void transposeIsRightOnAHandCheckedLayer() {
        ModelProto m = edit(pytorchGemm(), g -> GraphProto.newBuilder()
                .addInitializer(tensor("w", new float[] {1, 2, 3, 4}, true, 2, 2))
                .addInitializer(tensor("b", new float[] {10, 20}, false, 2))
                .addNode(node("mm", "MatMul", List.of("input", "w"), "z"))      // z = x·w: w is (in, out)
                .addNode(node("add", "Add", List.of("z", "b"), "output"))
                .addInput(value("input", "n", 2)).addOutput(value("output", "n", 2)));
        NeuralNetwork nn = OnnxFormat.fromModel(m);
        Dense d = nn.layers().get(0);
        // x = (1, 1): x·w = (1+3, 2+4) = (4, 6); + b = (14, 26).
        assertArrayEquals(new float[] {14, 26}, nn.predict(new float[] {1, 1}));
        assertArrayEquals(new float[] {1, 3, 2, 4}, d.weights());
    }
}

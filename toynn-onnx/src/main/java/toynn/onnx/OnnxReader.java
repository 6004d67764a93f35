package toynn.onnx;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import toynn.ActivationFunction;
import toynn.NeuralNetwork;
import toynn.io.JsonFields;
import toynn.io.ModelFile;
import toynn.io.ModelFormatException;
import toynn.layers.Dense;
import toynn.onnx.proto.OnnxProtos.AttributeProto;
import toynn.onnx.proto.OnnxProtos.GraphProto;
import toynn.onnx.proto.OnnxProtos.ModelProto;
import toynn.onnx.proto.OnnxProtos.NodeProto;
import toynn.onnx.proto.OnnxProtos.OperatorSetIdProto;
import toynn.onnx.proto.OnnxProtos.StringStringEntryProto;
import toynn.onnx.proto.OnnxProtos.TensorProto;
import toynn.onnx.proto.OnnxProtos.TensorShapeProto;
import toynn.onnx.proto.OnnxProtos.ValueInfoProto;

/**
 * Reads an MLP from an ONNX graph: one chain of nodes from the single graph input to the single
 * output, made of the operators in {@link #SUPPORTED_OPS}.
 */
final class OnnxReader {
    /** The operators an imported graph may contain. */
    static final List<String> SUPPORTED_OPS = List.of("Gemm", "MatMul", "Add", "Relu", "Sigmoid", "Tanh", "Softmax",
            "LeakyRelu", "Elu", "Identity", "Dropout", "Constant");

    private final Map<String, TensorProto> constants = new HashMap<>();
    private final List<Dense> layers = new ArrayList<>();
    private final long opset;
    private Dense pending;              // the last layer, while its bias or activation may still follow
    private boolean pendingFromMatMul;  // a MatMul layer: an Add may bring its bias
    private boolean pendingHasBias;
    private boolean pendingHasActivation;
    private int nextInputs;             // inputs the next layer must take (-1: unknown yet)

    private OnnxReader(long opset, int declaredInputs) {
        this.opset = opset;
        this.nextInputs = declaredInputs;
    }

    static NeuralNetwork read(ModelProto model) {
        if (!model.hasGraph()) {
            throw new ModelFormatException("ONNX model has no graph");
        }
        long opset = -1;
        for (OperatorSetIdProto o : model.getOpsetImportList()) {
            if (o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx")) {
                opset = o.getVersion();
            }
        }
        if (opset < 1) {
            throw new ModelFormatException("ONNX model imports no opset of the default domain (opset_import is empty); "
                    + "expected e.g. opset " + OnnxFormat.OPSET);
        }
        GraphProto g = model.getGraph();
        Map<String, TensorProto> inits = new HashMap<>();
        for (TensorProto t : g.getInitializerList()) {
            if (inits.put(t.getName(), t) != null) {
                throw new ModelFormatException("graph: the initializer name '" + t.getName() + "' appears twice");
            }
        }
        List<ValueInfoProto> inputs = g.getInputList().stream().filter(v -> !inits.containsKey(v.getName())).toList();
        if (inputs.size() != 1) {
            throw new ModelFormatException("graph: expected exactly one input (the feature vector), got " + inputs.size()
                    + " " + inputs.stream().map(ValueInfoProto::getName).toList());
        }
        if (g.getOutputCount() != 1) {
            throw new ModelFormatException("graph: expected exactly one output, got " + g.getOutputCount() + " "
                    + g.getOutputList().stream().map(ValueInfoProto::getName).toList());
        }
        ValueInfoProto input = inputs.get(0);
        OnnxReader r = new OnnxReader(opset, declaredInputs(input));
        r.constants.putAll(inits);
        String end = r.walk(g, input.getName());
        String out = g.getOutput(0).getName();
        if (!end.equals(out)) {
            throw new ModelFormatException("graph: the chain of nodes ends at '" + end + "' but the graph's output is '"
                    + out + "'; only a single chain from input to output (a multilayer perceptron) is supported");
        }
        if (r.layers.isEmpty()) {
            throw new ModelFormatException("graph: no Gemm or MatMul node; expected at least one dense layer");
        }
        NeuralNetwork nn = NeuralNetwork.fromLayers(r.layers);
        for (StringStringEntryProto p : model.getMetadataPropsList()) {
            if (p.getKey().equals(OnnxWriter.CLASS_NAMES_KEY)) {
                nn.setClassNames(classNames(p.getValue(), nn.outputSize()));
            }
        }
        return nn;
    }

    /** The class names ToyNN keeps in metadata_props: a JSON array of distinct strings, one per output (two for one). */
    private static List<String> classNames(String json, int outputs) {
        String where = "metadata_props " + OnnxWriter.CLASS_NAMES_KEY;
        JsonObject wrapper = JsonFields.parseObject("{\"names\": " + json + "}", where);
        JsonArray a = JsonFields.array(wrapper, "names", where);
        if (!NeuralNetwork.classNamesFit(a.size(), outputs)) {   // one output: a binary classifier's two
            throw new ModelFormatException(where + ": " + a.size() + " class names for " + outputs + " output"
                    + (outputs == 1 ? "; expected two (a single output is a binary classifier)" : "s"));
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).isJsonPrimitive() || !a.get(i).getAsJsonPrimitive().isString()) {
                throw new ModelFormatException(where + "[" + i + "]: expected a string, got " + JsonFields.kind(a.get(i)));
            }
            names.add(a.get(i).getAsString());
        }
        if (new java.util.HashSet<>(names).size() != names.size()) {
            throw new ModelFormatException(where + ": class names must be distinct, got " + names);
        }
        return names;
    }

    /** The input's feature count from its type [batch, n], or -1 when the file does not say. */
    private static int declaredInputs(ValueInfoProto input) {
        String where = "graph input '" + input.getName() + "'";
        if (!input.hasType() || !input.getType().hasTensorType()) {
            return -1;
        }
        var tensor = input.getType().getTensorType();
        if (tensor.getElemType() != 0 && tensor.getElemType() != TensorProto.DataType.FLOAT_VALUE) {
            throw new ModelFormatException(where + ": element type " + typeName(tensor.getElemType())
                    + "; only float32 inputs are supported");
        }
        if (!tensor.hasShape()) {
            return -1;
        }
        List<TensorShapeProto.Dimension> dims = tensor.getShape().getDimList();
        if (dims.size() != 2) {
            throw new ModelFormatException(where + ": shape of rank " + dims.size() + "; expected [batch, inputs] "
                    + "(ToyNN's layers take flat vectors)");
        }
        TensorShapeProto.Dimension d = dims.get(1);
        if (d.hasDimValue()) {
            long n = d.getDimValue();
            if (n < 1 || n > ModelFile.MAX_LAYER_SIZE) {
                throw new ModelFormatException(where + ": " + n + " inputs is out of range; expected 1 to "
                        + ModelFile.MAX_LAYER_SIZE);
            }
            return (int) n;
        }
        return -1;
    }

    /** Follows the chain from {@code start}; returns the name of the last value produced. */
    private String walk(GraphProto g, String start) {
        String current = start;
        for (int i = 0; i < g.getNodeCount(); i++) {
            NodeProto node = g.getNode(i);
            String op = node.getOpType();
            String label = "node " + i + (node.getName().isEmpty() ? "" : " '" + node.getName() + "'") + " (" + op + ")";
            if (!node.getDomain().isEmpty() && !node.getDomain().equals("ai.onnx")) {
                throw new ModelFormatException(label + ": operator domain '" + node.getDomain()
                        + "' is not supported; expected the default ONNX domain with operators " + SUPPORTED_OPS);
            }
            if (node.getOutputCount() < 1 || node.getOutput(0).isEmpty()) {
                throw new ModelFormatException(label + ": has no output");
            }
            if (op.equals("Constant")) {
                constant(node, label);
                continue;
            }
            if (!SUPPORTED_OPS.contains(op)) {
                throw new ModelFormatException(label + ": operator " + op + " is not supported; ToyNN reads "
                        + "multilayer perceptrons made of " + SUPPORTED_OPS);
            }
            boolean addWithChainSecond = op.equals("Add") && node.getInputCount() == 2 && node.getInput(1).equals(current);
            if (node.getInputCount() < 1 || (!node.getInput(0).equals(current) && !addWithChainSecond)) {
                throw new ModelFormatException(label + ": reads " + node.getInputList() + " but the chain is at '" + current
                        + "'; only a single chain of layers from input to output is supported");
            }
            switch (op) {
                case "Gemm" -> gemm(node, label);
                case "MatMul" -> matMul(node, label);
                case "Add" -> {
                    if (node.getInputCount() != 2) {
                        throw new ModelFormatException(label + ": expected inputs (X, bias), got " + node.getInputList());
                    }
                    add(node, label, addWithChainSecond ? node.getInput(0) : node.getInput(1));
                }
                case "Relu" -> activation(ActivationFunction.RELU, label);
                case "Sigmoid" -> activation(ActivationFunction.SIGMOID, label);
                case "Tanh" -> activation(ActivationFunction.TANH, label);
                case "Softmax" -> {
                    long axis = intAttr(node, "axis", opset >= 13 ? -1 : 1, label);
                    if (axis != -1 && axis != 1) {
                        throw new ModelFormatException(label + ": axis " + axis + "; expected -1 or 1 (softmax over "
                                + "each sample's outputs)");
                    }
                    activation(ActivationFunction.SOFTMAX, label);
                }
                case "LeakyRelu" -> {
                    float alpha = floatAttr(node, "alpha", 0.01f, label);
                    if (alpha != 0.01f) {
                        throw new ModelFormatException(label + ": alpha " + alpha + "; ToyNN's leaky ReLU has the fixed "
                                + "slope 0.01, so only LeakyRelu with alpha 0.01 can be read");
                    }
                    activation(ActivationFunction.LEAKY_RELU, label);
                }
                case "Elu" -> {
                    float alpha = floatAttr(node, "alpha", 1f, label);
                    if (alpha != 1f) {
                        throw new ModelFormatException(label + ": alpha " + alpha + "; ToyNN's ELU has alpha 1");
                    }
                    activation(ActivationFunction.ELU, label);
                }
                default -> {
                    // Identity, Dropout: the identity when predicting.
                }
            }
            current = node.getOutput(0);
        }
        return current;
    }

    private void constant(NodeProto node, String label) {
        for (AttributeProto a : node.getAttributeList()) {
            if (a.getName().equals("value") && a.hasT()) {
                constants.put(node.getOutput(0), a.getT());
                return;
            }
        }
        throw new ModelFormatException(label + ": only Constant nodes holding a tensor in \"value\" are supported");
    }

    /** {@code Y = X·op(B) + C} with op(B) = Bᵀ when transB = 1. */
    private void gemm(NodeProto node, String label) {
        float alpha = floatAttr(node, "alpha", 1f, label);
        float beta = floatAttr(node, "beta", 1f, label);
        long transA = intAttr(node, "transA", 0, label);
        long transB = intAttr(node, "transB", 0, label);
        if (alpha != 1f || beta != 1f || transA != 0) {
            throw new ModelFormatException(label + ": alpha " + alpha + ", beta " + beta + ", transA " + transA
                    + "; supported: alpha 1, beta 1, transA 0 (a dense layer)");
        }
        if (node.getInputCount() < 2) {
            throw new ModelFormatException(label + ": expected inputs (X, B[, C]), got " + node.getInputList());
        }
        TensorProto b = weight(node.getInput(1), label);
        int[] dims = dims(b, label);
        if (dims.length != 2) {
            throw new ModelFormatException(label + ": weight '" + b.getName() + "' has shape " + Arrays.toString(dims)
                    + "; expected a matrix");
        }
        boolean transposed = transB != 0;                                  // as ONNX Runtime: any non-zero value
        int in = transposed ? dims[1] : dims[0];
        int out = transposed ? dims[0] : dims[1];
        float[] values = floats(b, label);                                 // checks the data is there before
        Dense d = newLayer(in, out, label, b);                             // the layer is allocated from the dims
        float[] w = d.weights();                                           // (out, in)
        if (transposed) {
            System.arraycopy(values, 0, w, 0, w.length);                   // B is (out, in) already
        } else {
            transpose(values, in, out, w);                                 // B is (in, out)
        }
        if (node.getInputCount() >= 3 && !node.getInput(2).isEmpty()) {
            bias(weight(node.getInput(2), label), d, label);
            pendingHasBias = true;
        }
        pendingFromMatMul = false;
    }

    /** {@code Y = X·B} with B of shape (in, out); an Add may follow with the bias. */
    private void matMul(NodeProto node, String label) {
        if (node.getInputCount() != 2) {
            throw new ModelFormatException(label + ": expected inputs (X, B), got " + node.getInputList());
        }
        TensorProto b = weight(node.getInput(1), label);
        int[] dims = dims(b, label);
        if (dims.length != 2) {
            throw new ModelFormatException(label + ": weight '" + b.getName() + "' has shape " + Arrays.toString(dims)
                    + "; expected a matrix [inputs, outputs]");
        }
        float[] values = floats(b, label);                                 // data checked before allocating
        Dense d = newLayer(dims[0], dims[1], label, b);
        transpose(values, dims[0], dims[1], d.weights());
        pendingFromMatMul = true;
    }

    private void add(NodeProto node, String label, String biasName) {
        if (pending == null || !pendingFromMatMul || pendingHasBias || pendingHasActivation) {
            throw new ModelFormatException(label + ": an Add is supported only as the bias right after a MatMul");
        }
        bias(weight(biasName, label), pending, label);
        pendingHasBias = true;
    }

    private void activation(ActivationFunction f, String label) {
        if (pending == null || pendingHasActivation) {
            throw new ModelFormatException(label + ": an activation must follow a Gemm or MatMul(+Add) layer"
                    + (pending == null ? "" : "; this layer already has the activation " + pending.activation().name())
                    + " (ToyNN has one activation per dense layer)");
        }
        pending.setActivation(f);
        pendingHasActivation = true;
    }

    private Dense newLayer(int in, int out, String label, TensorProto b) {
        if (nextInputs >= 0 && in != nextInputs) {
            throw new ModelFormatException(label + ": weight '" + b.getName() + "' takes " + in + " inputs but "
                    + (layers.isEmpty() ? "the graph input has " : "the layer before gives ") + nextInputs);
        }
        try {
            Dense.checkSizes(in, out);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(label + ": " + e.getMessage(), e);
        }
        Dense d = new Dense(in, out, ActivationFunction.LINEAR);
        layers.add(d);
        pending = d;
        pendingHasBias = false;
        pendingHasActivation = false;
        nextInputs = out;
        return d;
    }

    private void bias(TensorProto c, Dense d, String label) {
        int[] dims = dims(c, label);
        int out = d.outputs();
        long count = 1;
        for (int x : dims) {
            count *= x;
        }
        boolean fits = (dims.length == 1 && dims[0] == out) || (dims.length == 2 && dims[0] == 1 && dims[1] == out);
        boolean scalar = count == 1 && dims.length <= 2;
        if (!fits && !scalar) {
            throw new ModelFormatException(label + ": bias '" + c.getName() + "' has shape " + Arrays.toString(dims)
                    + "; expected [" + out + "] or [1, " + out + "]");
        }
        float[] v = floats(c, label);
        float[] b = d.bias();
        for (int j = 0; j < out; j++) {
            b[j] = fits ? v[j] : v[0];                                     // a scalar broadcasts
        }
    }

    private static void transpose(float[] src, int rows, int cols, float[] dst) {
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                dst[c * rows + r] = src[r * cols + c];                     // (rows, cols) → (cols, rows)
            }
        }
    }

    private TensorProto weight(String name, String label) {
        TensorProto t = constants.get(name);
        if (t == null) {
            throw new ModelFormatException(label + ": missing initializer '" + name + "'; weights and biases must be "
                    + "initializers or Constant nodes");
        }
        return t;
    }

    /** The tensor's dims, each checked; the element count must fit one array. */
    private static int[] dims(TensorProto t, String label) {
        int[] dims = new int[t.getDimsCount()];
        long count = 1;
        for (int i = 0; i < dims.length; i++) {
            long d = t.getDims(i);
            if (d < 0 || d > ModelFile.MAX_LAYER_SIZE) {
                throw new ModelFormatException(label + ": tensor '" + t.getName() + "' dimension " + i + " is " + d
                        + "; expected 0 to " + ModelFile.MAX_LAYER_SIZE);
            }
            dims[i] = (int) d;
            count *= d;
            if (count > JsonFields.MAX_ARRAY) {
                throw new ModelFormatException(label + ": tensor '" + t.getName() + "' would hold more than "
                        + JsonFields.MAX_ARRAY + " values");
            }
        }
        return dims;
    }

    /** The tensor's float32 values, after checking type, location and that the data fits the dims. */
    private static float[] floats(TensorProto t, String label) {
        String what = label + ": tensor '" + t.getName() + "'";
        if (t.getDataType() != TensorProto.DataType.FLOAT_VALUE) {
            throw new ModelFormatException(what + " has element type " + typeName(t.getDataType())
                    + "; only float32 weights are supported");
        }
        if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL || t.getExternalDataCount() > 0) {
            throw new ModelFormatException(what + " keeps its data in an external file; save the model with the "
                    + "weights inside the .onnx file");
        }
        int[] dims = dims(t, label);
        long count = 1;
        for (int d : dims) {
            count *= d;
        }
        float[] v;
        if (!t.getRawData().isEmpty()) {
            long bytes = t.getRawData().size();
            if (bytes != count * Float.BYTES) {
                throw new ModelFormatException(what + ": raw_data holds " + bytes + " bytes but shape "
                        + Arrays.toString(dims) + " needs " + count * Float.BYTES + " (float32: 4 bytes per value)");
            }
            v = new float[(int) count];
            t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
        } else {
            if (t.getFloatDataCount() != count) {
                throw new ModelFormatException(what + ": holds " + t.getFloatDataCount() + " values in float_data but "
                        + "shape " + Arrays.toString(dims) + " needs " + count);
            }
            v = new float[(int) count];
            for (int i = 0; i < v.length; i++) {
                v[i] = t.getFloatData(i);
            }
        }
        for (int i = 0; i < v.length; i++) {
            if (!Float.isFinite(v[i])) {
                throw new ModelFormatException(what + ": value " + i + " is " + v[i] + "; expected finite numbers");
            }
        }
        return v;
    }

    private static float floatAttr(NodeProto node, String name, float dflt, String label) {
        for (AttributeProto a : node.getAttributeList()) {
            if (a.getName().equals(name)) {
                if (a.getType() != AttributeProto.AttributeType.FLOAT && a.getType() != AttributeProto.AttributeType.UNDEFINED) {
                    throw new ModelFormatException(label + ": attribute " + name + " is " + a.getType() + "; expected FLOAT");
                }
                return a.getF();
            }
        }
        return dflt;
    }

    private static long intAttr(NodeProto node, String name, long dflt, String label) {
        for (AttributeProto a : node.getAttributeList()) {
            if (a.getName().equals(name)) {
                if (a.getType() != AttributeProto.AttributeType.INT && a.getType() != AttributeProto.AttributeType.UNDEFINED) {
                    throw new ModelFormatException(label + ": attribute " + name + " is " + a.getType() + "; expected INT");
                }
                return a.getI();
            }
        }
        return dflt;
    }

    private static String typeName(int dataType) {
        TensorProto.DataType t = TensorProto.DataType.forNumber(dataType);
        return t == null ? "#" + dataType : t.name();
    }
}

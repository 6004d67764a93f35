package toynn.onnx;

import com.google.protobuf.ByteString;
import com.google.gson.JsonArray;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import toynn.ActivationFunction;
import toynn.NeuralNetwork;
import toynn.io.NormalizerFolding;
import toynn.io.Version;
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

/** Builds the ONNX graph of a network: {@code Gemm(transB = 1)} and an activation node per layer. */
final class OnnxWriter {
    private OnnxWriter() {
    }

    /** Metadata key holding the class names as a JSON array of strings. */
    static final String CLASS_NAMES_KEY = "toynn.classNames";

    static ModelProto toModel(NeuralNetwork source) {
        NeuralNetwork nn = NormalizerFolding.fold(source, "ONNX");       // raw inputs, target units
        List<Dense> layers = nn.layers();
        GraphProto.Builder graph = GraphProto.newBuilder().setName("toynn_mlp");
        String current = OnnxFormat.INPUT_NAME;
        for (int l = 0; l < layers.size(); l++) {
            Dense d = layers.get(l);
            ActivationFunction f = d.activation();
            if (!f.isBuiltIn()) {
                throw new IllegalStateException("layer " + l + " uses the custom activation '" + f.name()
                        + "', which ONNX cannot express; use one of " + ActivationFunction.builtInNames());
            }
            boolean last = l == layers.size() - 1;
            int k = l + 1;
            String w = "layer" + k + ".weight";
            String b = "layer" + k + ".bias";
            graph.addInitializer(tensor(w, d.weights(), d.outputs(), d.inputs()));   // (out, in)
            graph.addInitializer(tensor(b, d.bias(), d.outputs()));                 // (out)
            boolean linear = f == ActivationFunction.LINEAR;
            String z = last && linear ? OnnxFormat.OUTPUT_NAME : "layer" + k + ".z";
            graph.addNode(NodeProto.newBuilder().setName("layer" + k + "/Gemm").setOpType("Gemm")
                    .addInput(current).addInput(w).addInput(b).addOutput(z)              // Z = X·Wᵀ + b
                    .addAttribute(floatAttr("alpha", 1f)).addAttribute(floatAttr("beta", 1f))
                    .addAttribute(intAttr("transB", 1)));
            current = z;
            if (!linear) {
                String a = last ? OnnxFormat.OUTPUT_NAME : "layer" + k + ".a";
                NodeProto.Builder act = NodeProto.newBuilder().setName("layer" + k + "/" + opType(f))
                        .setOpType(opType(f)).addInput(current).addOutput(a);         // A = f(Z)
                if (f == ActivationFunction.SOFTMAX) {
                    act.addAttribute(intAttr("axis", -1));
                } else if (f == ActivationFunction.LEAKY_RELU) {
                    act.addAttribute(floatAttr("alpha", 0.01f));
                } else if (f == ActivationFunction.ELU) {
                    act.addAttribute(floatAttr("alpha", 1f));
                }
                graph.addNode(act);
                current = a;
            }
        }
        graph.addInput(valueInfo(OnnxFormat.INPUT_NAME, nn.inputSize()));
        graph.addOutput(valueInfo(OnnxFormat.OUTPUT_NAME, nn.outputSize()));
        ModelProto.Builder model = ModelProto.newBuilder();
        if (!source.classNames().isEmpty()) {
            JsonArray names = new JsonArray();
            source.classNames().forEach(names::add);
            model.addMetadataProps(StringStringEntryProto.newBuilder().setKey(CLASS_NAMES_KEY).setValue(names.toString()));
        }
        return model
                .setIrVersion(OnnxFormat.IR_VERSION)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OnnxFormat.OPSET))
                .setProducerName("ToyNN")
                .setProducerVersion(Version.get())
                .setDocString("A " + sizes(nn) + " multilayer perceptron exported by ToyNN.")
                .setGraph(graph)
                .build();
    }

    static String opType(ActivationFunction f) {
        if (f == ActivationFunction.RELU) {
            return "Relu";
        } else if (f == ActivationFunction.SIGMOID) {
            return "Sigmoid";
        } else if (f == ActivationFunction.TANH) {
            return "Tanh";
        } else if (f == ActivationFunction.SOFTMAX) {
            return "Softmax";
        } else if (f == ActivationFunction.LEAKY_RELU) {
            return "LeakyRelu";
        } else if (f == ActivationFunction.ELU) {
            return "Elu";
        }
        throw new IllegalStateException("no ONNX operator for activation " + f.name());
    }

    private static String sizes(NeuralNetwork nn) {
        StringBuilder sb = new StringBuilder();
        for (int s : nn.layerSizes()) {
            sb.append(sb.length() == 0 ? "" : "-").append(s);
        }
        return sb.toString();
    }

    /** A float32 initializer in raw_data (little-endian). */
    private static TensorProto tensor(String name, float[] values, long... dims) {
        ByteBuffer buf = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            buf.putFloat(v);
        }
        buf.flip();
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE)
                .setRawData(ByteString.copyFrom(buf));
        for (long d : dims) {
            t.addDims(d);
        }
        return t.build();
    }

    /** A float32 tensor value of shape [batch, size] with a symbolic batch dimension. */
    private static ValueInfoProto valueInfo(String name, int size) {
        TensorShapeProto shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("batch"))
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(size))
                .build();
        TypeProto type = TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
                .setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(shape)).build();
        return ValueInfoProto.newBuilder().setName(name).setType(type).build();
    }

    private static AttributeProto floatAttr(String name, float v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(v).build();
    }

    private static AttributeProto intAttr(String name, long v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(v).build();
    }
}

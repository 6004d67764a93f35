package toynn.io;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.List;
import toynn.ActivationFunction;
import toynn.NeuralNetwork;
import toynn.layers.Dense;

/**
 * The file format of Toy-Neural-Network-JS's {@code NeuralNetwork.serialize()}:
 * <pre>{@code
 * { "input_nodes": 2, "hidden_nodes": 4, "output_nodes": 1,
 *   "weights_ih": {"rows": 4, "cols": 2, "data": [[...], ...]},   // hidden × input
 *   "weights_ho": {"rows": 1, "cols": 4, "data": [[...]]},         // output × hidden
 *   "bias_h": {"rows": 4, "cols": 1, "data": [[b], ...]}, "bias_o": {...},
 *   "learning_rate": 0.1, "activation_function": {} }
 * }</pre>
 * The activation does not serialize in that library (functions are not data), so it is an argument
 * when reading. Only one hidden layer fits this format.
 */
public final class ToyNNJsFormat {
    private ToyNNJsFormat() {
    }

    /**
     * Reads the JSON text of a Toy-NN-JS model; the learning rate comes from the file, the activation
     * (used in both layers) from the argument.
     *
     * @throws ModelFormatException naming the field that is wrong and what was expected
     */
    public static NeuralNetwork read(String json, ActivationFunction activation) {
        if (activation == null) {
            throw new IllegalArgumentException("activation must not be null: a Toy-NN-JS file does not record it, "
                    + "so pass the one the network was trained with (e.g. ActivationFunction.SIGMOID)");
        }
        String where = "Toy-NN-JS model";
        JsonObject root = JsonFields.parseObject(json, where);
        if (!root.has("input_nodes") && root.has("format")) {
            throw new ModelFormatException(where + ": this has \"format\" and no \"input_nodes\": a ToyNN model file "
                    + "(as NeuralNetwork.save writes), not a Toy-Neural-Network-JS one; read it with "
                    + "NeuralNetwork.fromJson(json) or NeuralNetwork.load(path)");
        }
        int in = JsonFields.integer(root, "input_nodes", where, 1, ModelFile.MAX_LAYER_SIZE);
        int hidden = JsonFields.integer(root, "hidden_nodes", where, 1, ModelFile.MAX_LAYER_SIZE);
        int out = JsonFields.integer(root, "output_nodes", where, 1, ModelFile.MAX_LAYER_SIZE);
        checkSizes(in, hidden, where);
        checkSizes(hidden, out, where);
        // Read (and so check) every matrix before allocating the layers: the JSON arrays bound what we allocate.
        float[] wih = readMatrix(root, "weights_ih", hidden, in, where);    // (hidden, in)
        float[] who = readMatrix(root, "weights_ho", out, hidden, where);   // (out, hidden)
        float[] bh = readMatrix(root, "bias_h", hidden, 1, where);          // (hidden, 1)
        float[] bo = readMatrix(root, "bias_o", out, 1, where);             // (out, 1)
        double lr = NeuralNetwork.DEFAULT_LEARNING_RATE;
        if (root.has("learning_rate")) {
            lr = JsonFields.number(root, "learning_rate", where);
            if (!(lr > 0)) {
                throw new ModelFormatException(where + ".learning_rate: " + lr + " is not a positive number; "
                        + "expected a learning rate > 0");
            }
        }
        Dense ih = new Dense(in, hidden, activation);
        Dense ho = new Dense(hidden, out, activation);
        System.arraycopy(wih, 0, ih.weights(), 0, wih.length);
        System.arraycopy(who, 0, ho.weights(), 0, who.length);
        System.arraycopy(bh, 0, ih.bias(), 0, bh.length);
        System.arraycopy(bo, 0, ho.bias(), 0, bo.length);
        NeuralNetwork nn = NeuralNetwork.fromLayers(List.of(ih, ho));
        nn.setLearningRate(lr);
        return nn;
    }

    private static void checkSizes(int in, int out, String where) {
        try {
            Dense.checkSizes(in, out);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(where + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a {rows, cols, data} matrix that must have the given shape; returns it row-major.
     * Every length is checked against the JSON before anything is allocated from it.
     */
    private static float[] readMatrix(JsonObject root, String key, int rows, int cols, String where) {
        String mw = where + "." + key;
        JsonObject m = JsonFields.object(root, key, where);
        int r = JsonFields.integer(m, "rows", mw, 1, ModelFile.MAX_LAYER_SIZE);
        int c = JsonFields.integer(m, "cols", mw, 1, ModelFile.MAX_LAYER_SIZE);
        if (r != rows || c != cols) {
            throw new ModelFormatException(mw + ": shape " + r + "×" + c + " does not fit the layer sizes; expected "
                    + rows + "×" + cols);
        }
        JsonArray data = JsonFields.array(m, "data", mw);
        if (data.size() != rows) {
            throw new ModelFormatException(mw + ".data: expected " + rows + " rows, got " + data.size());
        }
        for (int i = 0; i < rows; i++) {
            JsonElement row = data.get(i);
            String rw = mw + ".data[" + i + "]";
            if (!row.isJsonArray()) {
                throw new ModelFormatException(rw + ": expected an array of " + cols + " numbers, got " + JsonFields.kind(row));
            }
            if (row.getAsJsonArray().size() != cols) {
                throw new ModelFormatException(rw + ": expected " + cols + " numbers, got " + row.getAsJsonArray().size());
            }
        }
        float[] dest = new float[rows * cols];                  // (rows, cols); rows·cols numbers are in the JSON
        for (int i = 0; i < rows; i++) {
            float[] values = JsonFields.floats(data.get(i).getAsJsonArray(), cols, mw + ".data[" + i + "]");
            System.arraycopy(values, 0, dest, i * cols, cols);
        }
        return dest;
    }

    /**
     * Writes the network the way Toy-NN-JS's {@code serialize()} does.
     *
     * @throws IllegalStateException unless the network has exactly one hidden layer and one activation
     */
    public static String write(NeuralNetwork nn) {
        List<Dense> layers = nn.layers();
        if (layers.size() != 2) {
            throw new IllegalStateException("the Toy-NN-JS format holds exactly one hidden layer (inputs, hidden, outputs); "
                    + "this network has " + (layers.size() - 1) + " hidden layers — save it with save(Path) instead");
        }
        Dense ih = layers.get(0);
        Dense ho = layers.get(1);
        if (ih.activation() != ho.activation()) {
            throw new IllegalStateException("the Toy-NN-JS format uses one activation for both layers, but this network "
                    + "uses " + ih.activation().name() + " then " + ho.activation().name()
                    + " — save it with save(Path) instead");
        }
        JsonObject root = new JsonObject();
        root.addProperty("input_nodes", ih.inputs());
        root.addProperty("hidden_nodes", ih.outputs());
        root.addProperty("output_nodes", ho.outputs());
        root.add("weights_ih", matrix(ih.weights(), ih.outputs(), ih.inputs()));
        root.add("weights_ho", matrix(ho.weights(), ho.outputs(), ho.inputs()));
        root.add("bias_h", matrix(ih.bias(), ih.outputs(), 1));
        root.add("bias_o", matrix(ho.bias(), ho.outputs(), 1));
        root.addProperty("learning_rate", nn.getLearningRate());
        root.add("activation_function", new JsonObject());
        return new GsonBuilder().disableHtmlEscaping().create().toJson(root);
    }

    private static JsonObject matrix(float[] values, int rows, int cols) {
        JsonObject m = new JsonObject();
        m.addProperty("rows", rows);
        m.addProperty("cols", cols);
        JsonArray data = new JsonArray(rows);
        for (int r = 0; r < rows; r++) {
            JsonArray row = new JsonArray(cols);
            for (int c = 0; c < cols; c++) {
                row.add(new JsonPrimitive(values[r * cols + c]));
            }
            data.add(row);
        }
        m.add("data", data);
        return m;
    }
}

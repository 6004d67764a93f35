package toynn.io;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import toynn.InputShape;
import toynn.NeuralNetwork;
import toynn.data.Normalizer;

/**
 * The model file's data sections (format version 2): how raw inputs are normalized, how outputs
 * map back to target units, the class names, and what an input row is (an image or plain values).
 * <pre>{@code
 * "normalization": { "inputs":  { "method": "min-max", "min": [...], "max": [...] },
 *                    "targets": { "method": "z-score", "mean": [...], "std": [...] } },
 * "classNames": ["setosa", "versicolor", "virginica"],
 * "inputColumns": ["sepal", "color=blue", "color=red"]          (one name per input; col=value: one-hot)
 * "input": { "kind": "image", "width": 28, "height": 28 }      (or { "kind": "values" })
 * "task": "regression"                                           (a NeuralNetwork.regressor: numbers, not classes)
 * }</pre>
 * Each part is written only when the network has it; files without them (version 1, or version 2 from
 * before a part was added) load as before, and readers ignore keys they do not know, so no part needed a
 * new format version.
 */
final class ModelDataSection {
    private ModelDataSection() {
    }

    static void write(NeuralNetwork nn, JsonObject root) {
        if (nn.inputNormalizer() != null || nn.targetNormalizer() != null) {
            JsonObject norm = new JsonObject();
            if (nn.inputNormalizer() != null) {
                norm.add("inputs", nn.inputNormalizer().toJson());
            }
            if (nn.targetNormalizer() != null) {
                norm.add("targets", nn.targetNormalizer().toJson());
            }
            root.add("normalization", norm);
        }
        if (!nn.classNames().isEmpty()) {
            JsonArray names = new JsonArray();
            nn.classNames().forEach(names::add);
            root.add("classNames", names);
        }
        if (!nn.inputColumns().isEmpty()) {
            JsonArray columns = new JsonArray();
            nn.inputColumns().forEach(columns::add);
            root.add("inputColumns", columns);
        }
        InputShape shape = nn.inputShape();
        if (shape != null) {
            JsonObject input = new JsonObject();
            input.addProperty("kind", shape.isImage() ? "image" : "values");
            if (shape.isImage()) {
                input.addProperty("width", shape.width());
                input.addProperty("height", shape.height());
            }
            root.add("input", input);
        }
        if (nn.isRegressor()) {
            root.addProperty("task", "regression");            // else a loaded regressor would classify and take labels
        }
    }

    static void read(JsonObject root, NeuralNetwork nn, String where) {
        if (root.has("normalization") && !root.get("normalization").isJsonNull()) {
            JsonObject norm = JsonFields.object(root, "normalization", where);
            String w = where + ".normalization";
            if (norm.has("inputs")) {
                Normalizer n = Normalizer.fromJson(JsonFields.object(norm, "inputs", w), w + ".inputs");
                if (n.size() != nn.inputSize()) {
                    throw new ModelFormatException(w + ".inputs: " + n.size() + " columns but the network has "
                            + nn.inputSize() + " inputs");
                }
                nn.setInputNormalizer(n);
            }
            if (norm.has("targets")) {
                Normalizer n = Normalizer.fromJson(JsonFields.object(norm, "targets", w), w + ".targets");
                if (n.size() != nn.outputSize()) {
                    throw new ModelFormatException(w + ".targets: " + n.size() + " columns but the network has "
                            + nn.outputSize() + " outputs");
                }
                nn.setTargetNormalizer(n);
            }
        }
        if (root.has("classNames") && !root.get("classNames").isJsonNull()) {
            JsonArray a = JsonFields.array(root, "classNames", where);
            if (!NeuralNetwork.classNamesFit(a.size(), nn.outputSize())) {
                throw new ModelFormatException(where + ".classNames: " + a.size() + " names but the network has "
                        + nn.outputSize() + (nn.outputSize() == 1 ? " output; expected two (class 0's, then class 1's:"
                        + " a single output is a binary classifier)" : " outputs; expected one name per output"));
            }
            List<String> names = new ArrayList<>(a.size());
            for (int i = 0; i < a.size(); i++) {
                JsonElement e = a.get(i);
                if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
                    throw new ModelFormatException(where + ".classNames[" + i + "]: expected a string, got " + JsonFields.kind(e));
                }
                names.add(e.getAsString());
            }
            try {
                nn.setClassNames(names);
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException(where + ".classNames: " + e.getMessage(), e);
            }
        }
        if (root.has("inputColumns") && !root.get("inputColumns").isJsonNull()) {
            readInputColumns(JsonFields.array(root, "inputColumns", where), nn, where + ".inputColumns");
        }
        if (root.has("task") && !root.get("task").isJsonNull()) {
            String task = JsonFields.string(root, "task", where);
            if (!task.equals("regression") && !task.equals("classification")) {
                throw new ModelFormatException(where + ".task: \"" + task + "\" is not a task; expected \"regression\" "
                        + "or \"classification\"");
            }
            nn.setRegressor(task.equals("regression"));
        }
        if (root.has("input") && !root.get("input").isJsonNull()) {
            String w = where + ".input";
            InputShape shape = inputShape(JsonFields.object(root, "input", where), nn.inputSize(), w);
            try {
                nn.setInputShape(shape);                              // checks width × height against the inputs
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException(w + ": " + e.getMessage(), e);
            }
        }
    }

    private static void readInputColumns(JsonArray a, NeuralNetwork nn, String where) {
        if (a.size() != nn.inputSize()) {
            throw new ModelFormatException(where + ": " + a.size() + " names but the network has " + nn.inputSize()
                    + " inputs; expected one name per input");
        }
        List<String> names = new ArrayList<>(a.size());
        for (int i = 0; i < a.size(); i++) {
            JsonElement e = a.get(i);
            if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
                throw new ModelFormatException(where + "[" + i + "]: expected a string, got " + JsonFields.kind(e));
            }
            names.add(e.getAsString());
        }
        try {
            nn.setInputColumns(names);                                // distinct, not blank, no clash
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(where + ": " + e.getMessage(), e);
        }
    }

    private static InputShape inputShape(JsonObject input, int inputs, String where) {
        String kind = JsonFields.string(input, "kind", where);
        switch (kind) {
            case "values":
                return InputShape.values();
            case "image":
                return InputShape.image(JsonFields.integer(input, "width", where, 1, inputs),
                        JsonFields.integer(input, "height", where, 1, inputs));
            default:
                throw new ModelFormatException(where + ".kind: \"" + kind + "\" is not an input kind; expected \"image\" "
                        + "or \"values\"");
        }
    }
}

package toynn.spark;

import java.io.Serializable;
import toynn.NeuralNetwork;
import toynn.io.ModelFile;

/**
 * What an executor needs to rebuild a network: its ToyNN model file (JSON: layers, activations and
 * every other setting the file holds). Sent once per job; the weights that change every step travel
 * separately as flat float arrays ({@link Parameters}). Serializable as a string, so no Java
 * serialization of a network is involved.
 */
public final class NetworkTemplate implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String modelJson;
    private final int parameterCount;

    private NetworkTemplate(String modelJson, int parameterCount) {
        this.modelJson = modelJson;
        this.parameterCount = parameterCount;
    }

    /**
     * The template of {@code nn} (a snapshot: later changes to {@code nn} are not seen).
     *
     * @throws IllegalArgumentException if the network uses something a model file cannot hold (a custom activation)
     */
    public static NetworkTemplate of(NeuralNetwork nn) {
        String json;
        try {
            json = ModelFile.write(nn);
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException("Spark ships networks to executors as ToyNN model files, and this one "
                    + "cannot be written as one: " + e.getMessage(), e);
        }
        return new NetworkTemplate(json, Parameters.count(nn));
    }

    /** A new network as the template describes it (with the snapshot's weights). */
    public NeuralNetwork newNetwork() {
        return ModelFile.read(modelJson);
    }

    /** The length of the network's flat parameter vector. */
    public int parameterCount() {
        return parameterCount;
    }

    /** The model file text. */
    public String modelJson() {
        return modelJson;
    }
}

package toynn.cli;

import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import toynn.ActivationFunction;
import toynn.NeuralNetwork;

/** The options that say which model to read: {@code --model}, {@code --format}, {@code --activation}. */
final class ModelOptions {
    @Option(names = "--model", required = true, paramLabel = "PATH",
            description = "The model file (a TF.js model: its folder or model.json).")
    Path model;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "The model's format: toynn, toy-nn-js, tfjs, onnx (default: recognised from the file; "
                    + "checkpoints too).")
    String format;

    @Option(names = "--activation", paramLabel = "NAME",
            description = "For Toy-NN-JS files, which do not record it: the activation of both layers "
                    + "(sigmoid, tanh, relu, leaky_relu, elu, linear; default sigmoid).")
    String activation;

    /** Reads the model these options name. */
    NeuralNetwork load() throws IOException {
        return open().network();
    }

    /** Reads the model, keeping its format and file. */
    Models.Loaded open() throws IOException {
        if (activation != null) {
            activationByName(activation, "--activation");
        }
        return Models.open(model, format, activation);
    }

    /** An activation by name, or a one-line error naming the option and the valid names. */
    static ActivationFunction activationByName(String name, String option) {
        try {
            return ActivationFunction.byName(name);
        } catch (IllegalArgumentException e) {
            throw new CliException(option + ": " + e.getMessage());
        }
    }
}

package toynn;

import java.util.List;

/**
 * Everything one step of {@link NeuralNetwork#trainStep(double[], double[])} computed, in the
 * lecture's terms, for one sample written as column vectors. Layer 0 is the first hidden layer
 * (the lecture's input→hidden weights {@code W_ih}); the last is the output layer ({@code W_ho}).
 *
 * @param rule         which error was passed back (see {@link UpdateRule})
 * @param learningRate the learning rate {@code lr} used
 * @param input        the input {@code X}, (inputs × 1)
 * @param target       the target, (outputs × 1)
 * @param output       the network's output {@code O} before the update, (outputs × 1)
 * @param loss         {@code ½Σ(target − output)²} before the update
 * @param layers       per layer, from the first hidden layer to the output layer
 */
public record TrainingStep(UpdateRule rule, double learningRate, Matrix input, Matrix target, Matrix output,
                           double loss, List<Layer> layers) {

    /**
     * One layer's part of the step.
     *
     * @param input       what entered the layer: {@code X} or the previous layer's {@code H}, (in × 1)
     * @param output      the layer's output {@code f(W·input + b)}, (out × 1)
     * @param weights     {@code W} as it was in the forward pass (before the update), (out × in)
     * @param error       the error at the layer's output: {@code E = target − output} for the output
     *                    layer, the error passed back from the layer above otherwise, (out × 1)
     * @param gradient    {@code G = lr · error ⊙ f′(output)}, (out × 1)
     * @param weightDelta {@code ΔW = G · inputᵀ}, added to the weights, (out × in)
     * @param biasDelta   {@code Δb = G}, added to the bias, (out × 1)
     */
    public record Layer(Matrix input, Matrix output, Matrix weights, Matrix error, Matrix gradient,
                        Matrix weightDelta, Matrix biasDelta) {
    }

    /** The output layer's part of the step. */
    public Layer outputLayer() {
        return layers.get(layers.size() - 1);
    }
}

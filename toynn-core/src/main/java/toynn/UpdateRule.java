package toynn;

/**
 * Which error {@link NeuralNetwork#train(double[], double[])} passes back through the weights.
 *
 * <p>Both compute a layer's gradient as {@code G = lr · E ⊙ f′(O)} and its deltas as
 * {@code ΔW = G·Hᵀ}, {@code Δb = G}. They differ only in the error handed to the layer below.
 */
public enum UpdateRule {
    /**
     * The lecture's rule (also Toy-NN-JS's and Rashid's book's): pass back the raw error,
     * {@code E_h = Wᵀ · E}. Simple to explain; not the exact gradient of the squared error.
     */
    LECTURE,
    /**
     * The exact gradient of the squared error {@code ½Σ(t − o)²}: pass back
     * {@code E_h = Wᵀ · (E ⊙ f′(O))}, so each step is true gradient descent.
     */
    EXACT_GRADIENT
}

package toynn.train;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Turns gradients into parameter updates. One optimizer belongs to one network: it keeps state
 * arrays (velocities, moment estimates) for every parameter array it updates — layer 0's weights,
 * layer 0's biases, layer 1's weights, … — and a step counter, all of which a model file saves so
 * that training can continue exactly where it stopped.
 *
 * <p>Built in: {@link Sgd}, {@link Momentum}, {@link Nesterov}, {@link Adam}, {@link AdamW},
 * {@link RmsProp}; {@link #byName(String, double)} picks one with default settings.
 *
 * <p>Hyper-parameters are fixed when the optimizer is made (each {@code withX} method returns a new
 * optimizer); the learning rate handed to {@link #step} may differ from {@link #learningRate()}
 * when a {@link LearningRateSchedule} is in use. Arithmetic is float32 per element, in the order the
 * formula in each class's Javadoc is written.
 */
public abstract class Optimizer {
    /** The names {@link #byName(String, double)} accepts. */
    public static final List<String> NAMES = List.of("sgd", "momentum", "nesterov", "adam", "adamw", "rmsprop");

    private final double learningRate;
    private int[] sizes;           // lengths of the parameter arrays; null until attached
    private float[][][] state;     // [parameter array][slot] → values, one per parameter
    private long steps;

    /**
     * @throws IllegalArgumentException unless {@code learningRate} is finite and positive
     */
    protected Optimizer(double learningRate) {
        this.learningRate = checkPositive(learningRate, "learning rate");
    }

    /**
     * The optimizer with this name ({@link #NAMES}: {@code sgd, momentum, nesterov, adam, adamw, rmsprop};
     * case-insensitive) and its default settings: momentum 0.9, Adam's β₁ 0.9 and β₂ 0.999, AdamW's
     * decay 0.01, RMSProp's ρ 0.9.
     *
     * @throws IllegalArgumentException for an unknown name or a learning rate that is not finite and positive
     */
    public static Optimizer byName(String name, double learningRate) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
        return switch (key) {
            case "sgd" -> Sgd.of(learningRate);
            case "momentum" -> Momentum.of(learningRate, Momentum.DEFAULT_MOMENTUM);
            case "nesterov" -> Nesterov.of(learningRate, Momentum.DEFAULT_MOMENTUM);
            case "adam" -> Adam.of(learningRate);
            case "adamw" -> AdamW.of(learningRate, AdamW.DEFAULT_DECAY);
            case "rmsprop" -> RmsProp.of(learningRate);
            default -> throw new IllegalArgumentException("unknown optimizer '" + name + "'; expected one of " + NAMES);
        };
    }

    /**
     * The optimizer with this name and these hyper-parameters (as {@link #hyperParameters()} lists
     * them; missing ones take their defaults). Used by the model file reader.
     *
     * @throws IllegalArgumentException for an unknown name, an unknown hyper-parameter or a value out of range
     * @throws NullPointerException     if {@code hp} is null
     */
    public static Optimizer fromHyperParameters(String name, Map<String, Double> hp) {
        Objects.requireNonNull(hp, "hyper-parameters must not be null; give at least {learningRate=...}");
        Double lr = hp.get("learningRate");
        if (lr == null) {
            throw new IllegalArgumentException("optimizer '" + name + "' has no learningRate");
        }
        Optimizer o = byName(name, lr);
        Optimizer made = o.withHyperParameters(hp);
        for (String key : hp.keySet()) {
            if (!made.hyperParameters().containsKey(key)) {
                throw new IllegalArgumentException("optimizer " + made.name() + " has no hyper-parameter '" + key
                        + "'; it has " + made.hyperParameters().keySet());
            }
        }
        return made;
    }

    /** This optimizer's kind with the given hyper-parameters (missing ones as in this one). */
    protected abstract Optimizer withHyperParameters(Map<String, Double> hp);

    /** The name in files and on the command line, e.g. {@code "adam"}. */
    public abstract String name();

    /** The base learning rate. */
    public final double learningRate() {
        return learningRate;
    }

    /**
     * Every hyper-parameter by name, the learning rate first, e.g.
     * {@code {learningRate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-8}}.
     */
    public final Map<String, Double> hyperParameters() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("learningRate", learningRate);
        addHyperParameters(m);
        return m;
    }

    /** Adds the hyper-parameters beyond the learning rate to {@code m}. */
    protected abstract void addHyperParameters(Map<String, Double> m);

    /** The names of the state arrays kept per parameter array, e.g. {@code ["m", "v"]} for Adam; empty for SGD. */
    public abstract List<String> slotNames();

    /** A new optimizer of the same kind and settings, with learning rate {@code lr} and no state. */
    public abstract Optimizer withLearningRate(double lr);

    /** A new optimizer of the same kind and settings, without state (for another network). */
    public final Optimizer fresh() {
        return withLearningRate(learningRate);
    }

    /** A deep copy, state and step count included. */
    public final Optimizer copy() {
        Optimizer c = fresh();
        if (sizes != null) {
            c.attach(sizes);
            for (int p = 0; p < state.length; p++) {
                for (int k = 0; k < state[p].length; k++) {
                    System.arraycopy(state[p][k], 0, c.state[p][k], 0, state[p][k].length);
                }
            }
        }
        c.steps = steps;
        return c;
    }

    /**
     * Updates one parameter array in place.
     *
     * @param w     parameters; modified
     * @param g     their gradient ∂loss/∂w; not modified
     * @param slots this array's state, one array per {@link #slotNames()} entry; modified
     * @param lr    the learning rate of this step
     * @param t     the step number, from 1
     */
    protected abstract void update(float[] w, float[] g, float[][] slots, float lr, long t);

    /** Number of steps taken (Adam's {@code t}). */
    public final long steps() {
        return steps;
    }

    /**
     * Sets the step counter (the model file reader restores it).
     *
     * @throws IllegalArgumentException if negative
     */
    public final void setSteps(long steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be ≥ 0, got " + steps);
        }
        this.steps = steps;
    }

    /**
     * Gets the optimizer ready for parameter arrays of these lengths, making zeroed state arrays the
     * first time. Nothing changes when it is already attached to arrays of these lengths.
     *
     * @param parameterSizes the length of each parameter array, each ≥ 0; not modified
     * @throws IllegalStateException when the optimizer already holds state for arrays of other lengths
     *                               (it belongs to another network)
     * @throws IllegalArgumentException when a length is negative
     */
    public final void attach(int[] parameterSizes) {
        Objects.requireNonNull(parameterSizes, "parameter sizes must not be null (one length per parameter array)");
        for (int p = 0; p < parameterSizes.length; p++) {
            if (parameterSizes[p] < 0) {
                throw new IllegalArgumentException("parameter array " + p + " has length " + parameterSizes[p]
                        + "; expected a length ≥ 0, got " + Arrays.toString(parameterSizes));
            }
        }
        if (sizes != null) {
            if (!Arrays.equals(sizes, parameterSizes)) {
                throw new IllegalStateException("this " + name() + " optimizer holds state for parameter arrays of sizes "
                        + Arrays.toString(sizes) + ", not " + Arrays.toString(parameterSizes)
                        + "; an optimizer belongs to one network (use fresh() for another)");
            }
            return;
        }
        int slots = slotNames().size();
        float[][][] s = new float[parameterSizes.length][slots][];
        for (int p = 0; p < parameterSizes.length; p++) {
            for (int k = 0; k < slots; k++) {
                s[p][k] = new float[parameterSizes[p]];
            }
        }
        state = s;
        sizes = parameterSizes.clone();
    }

    /** True once {@link #attach} (or a first {@link #step}) has sized the state. */
    public final boolean isAttached() {
        return sizes != null;
    }

    /** The lengths of the parameter arrays this optimizer is attached to; empty before. */
    public final int[] parameterSizes() {
        return sizes == null ? new int[0] : sizes.clone();
    }

    /**
     * The live state array {@code slot} (one of {@link #slotNames()}) of parameter array {@code param}.
     *
     * @throws IllegalStateException before {@link #attach}
     * @throws IllegalArgumentException for an unknown slot or parameter index
     */
    public final float[] state(String slot, int param) {
        if (sizes == null) {
            throw new IllegalStateException("the " + name() + " optimizer has no state yet (call attach or train first)");
        }
        int k = slotNames().indexOf(slot);
        if (k < 0) {
            throw new IllegalArgumentException(name() + " has no state '" + slot + "'; it has " + slotNames());
        }
        if (param < 0 || param >= sizes.length) {
            throw new IllegalArgumentException("parameter array " + param + " does not exist; there are " + sizes.length);
        }
        return state[param][k];
    }

    /**
     * One optimisation step over all parameter arrays: {@link #steps()} goes up by one, then each
     * {@code params[p]} is updated from {@code grads[p]}. Allocates nothing once attached.
     *
     * @param params the live parameter arrays; modified
     * @param grads  their gradients, same lengths; not modified
     * @param lr     the learning rate of this step (the scheduled one), ≥ 0 and finite in float32
     * @throws IllegalStateException if the arrays do not match the ones the optimizer is attached to
     * @throws IllegalArgumentException if {@code lr} is negative, NaN or infinite in float32 (every parameter
     *                                  would follow), or an array is null
     */
    public final void step(float[][] params, float[][] grads, double lr) {
        Objects.requireNonNull(params, "params must not be null");
        Objects.requireNonNull(grads, "grads must not be null");
        if (!(lr >= 0) || !Float.isFinite((float) lr)) {                  // the step computes in float32
            throw new IllegalArgumentException("the learning rate of a step must be a number ≥ 0 within the float32 "
                    + "range, got " + lr);
        }
        for (int p = 0; p < params.length; p++) {
            if (params[p] == null || (p < grads.length && grads[p] == null)) {
                throw new IllegalArgumentException((params[p] == null ? "parameter array " : "gradient array ") + p
                        + " is null; expected one array per parameter array");
            }
        }
        if (sizes == null) {
            int[] n = new int[params.length];
            for (int p = 0; p < n.length; p++) {
                n[p] = params[p].length;
            }
            attach(n);
        }
        if (params.length != sizes.length || grads.length != sizes.length) {
            throw new IllegalStateException("the optimizer is attached to " + sizes.length + " parameter arrays, got "
                    + params.length + " (and " + grads.length + " gradients)");
        }
        for (int p = 0; p < params.length; p++) {
            if (params[p].length != sizes[p] || grads[p].length != sizes[p]) {
                throw new IllegalStateException("parameter array " + p + " has " + params[p].length + " values and its "
                        + "gradient " + grads[p].length + "; the optimizer's state is for " + sizes[p]);
            }
        }
        steps++;
        float rate = (float) lr;
        for (int p = 0; p < params.length; p++) {
            update(params[p], grads[p], state[p], rate, steps);
        }
    }

    /** Counts one step without updating anything: for a trainer that applies plain SGD itself (fused into a product). */
    final void countStep() {
        steps++;
    }

    /** Checks that {@code v} is finite and positive. */
    static double checkPositive(double v, String what) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(what + " must be a finite number > 0, got " + v);
        }
        return v;
    }

    /** Checks that {@code 0 ≤ v < 1}. */
    static double checkFraction(double v, String what) {
        if (!(v >= 0 && v < 1)) {
            throw new IllegalArgumentException(what + " must be in [0, 1), got " + v);
        }
        return v;
    }

    /** Checks that {@code v} is finite and ≥ 0. */
    static double checkNonNegative(double v, String what) {
        if (!(v >= 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(what + " must be a finite number ≥ 0, got " + v);
        }
        return v;
    }

    /** {@code hp.get(key)} or {@code fallback}. */
    static double get(Map<String, Double> hp, String key, double fallback) {
        Double v = hp.get(key);
        return v == null ? fallback : v;
    }

    @Override
    public String toString() {
        return name() + hyperParameters();
    }
}

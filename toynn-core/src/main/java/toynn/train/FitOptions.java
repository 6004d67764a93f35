package toynn.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import toynn.DataSet;

/**
 * Settings for {@code NeuralNetwork.fit}, as a fluent builder:
 * <pre>{@code
 * FitOptions.create().epochs(10).batchSize(64).seed(7).validationSplit(0.1)
 *           .earlyStopping(3, 1e-4, true).listener(myListener)
 * }</pre>
 * Defaults: 1 epoch, batch size 32, shuffled every epoch, the network's {@code trainingSeed()}, no
 * validation, no early stopping, constant learning rate, starting at epoch 0.
 *
 * <p>Randomness: every random stream of epoch {@code e} (shuffling, dropout) is derived from
 * {@code (seed, e)} alone, and the validation split from the seed alone, so continuing with
 * {@link #initialEpoch(int)} from a saved model gives the same weights, bit for bit, as never stopping.
 * With early stopping, pass its state too ({@link #resumeEarlyStopping(EarlyStoppingState)}); without
 * it the patience count and the best weights start afresh at {@code initialEpoch}.
 */
public final class FitOptions {
    private int epochs = 1;
    private int batchSize = 32;
    private Long seed;
    private boolean shuffle = true;
    private double validationSplit;
    private DataSet validationData;
    private EarlyStopping earlyStopping;
    private int initialEpoch;
    private EarlyStoppingState resumeEarlyStopping;
    private LearningRateSchedule schedule;
    private double clipGradientNorm;        // 0: off
    private final List<TrainingListener> listeners = new ArrayList<>();

    private FitOptions() {
    }

    /** Options with the defaults. */
    public static FitOptions create() {
        return new FitOptions();
    }

    /**
     * Train until the network has done {@code n} epochs in all (counting from {@link #initialEpoch(int)}).
     *
     * @throws IllegalArgumentException unless {@code n ≥ 1}
     */
    public FitOptions epochs(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("epochs must be ≥ 1, got " + n);
        }
        this.epochs = n;
        return this;
    }

    /**
     * Samples per gradient step (the last batch of an epoch may be smaller).
     *
     * @throws IllegalArgumentException unless {@code n ≥ 1}
     */
    public FitOptions batchSize(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("batch size must be ≥ 1, got " + n);
        }
        this.batchSize = n;
        return this;
    }

    /** The seed of shuffling, dropout and the validation split (default: the network's {@code trainingSeed()}). */
    public FitOptions seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** Whether to shuffle the training samples each epoch (default true); false keeps their order. */
    public FitOptions shuffle(boolean shuffle) {
        this.shuffle = shuffle;
        return this;
    }

    /**
     * Holds out this fraction of the training data (chosen by the seed, the same every epoch) for
     * validation. Ignored when {@link #validationData(DataSet)} is given.
     *
     * @throws IllegalArgumentException unless {@code 0 ≤ fraction < 1}
     */
    public FitOptions validationSplit(double fraction) {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("validation split must be in [0, 1) (a fraction of the training data), got "
                    + fraction);
        }
        this.validationSplit = fraction;
        return this;
    }

    /** Validates on {@code data} after every epoch (instead of a split of the training data). */
    public FitOptions validationData(DataSet data) {
        this.validationData = Objects.requireNonNull(data, "validation data must not be null");
        return this;
    }

    /**
     * Stops when the monitored loss has not improved by more than {@code minDelta} for {@code patience}
     * epochs; see {@link EarlyStopping}.
     *
     * @throws IllegalArgumentException unless {@code patience ≥ 1} and {@code minDelta ≥ 0}
     */
    public FitOptions earlyStopping(int patience, double minDelta, boolean restoreBestWeights) {
        this.earlyStopping = new EarlyStopping(patience, minDelta, restoreBestWeights);
        return this;
    }

    /**
     * The number of epochs already trained: training starts with epoch index {@code k} (its random
     * streams and scheduled learning rate), as when continuing a saved model.
     *
     * @throws IllegalArgumentException if negative
     */
    public FitOptions initialEpoch(int k) {
        if (k < 0) {
            throw new IllegalArgumentException("initial epoch must be ≥ 0, got " + k);
        }
        this.initialEpoch = k;
        return this;
    }

    /**
     * Continues early stopping from where an earlier run left it (with {@link #initialEpoch(int)}): the best
     * loss, its epoch, the epochs since then and, with {@code restoreBestWeights}, the best weights — taken
     * from {@link EpochEvent#earlyStoppingState()} or {@link History#earlyStoppingState()} and typically
     * saved beside the model. {@code fit} checks that {@link #earlyStopping(int, double, boolean)} is set,
     * that the state belongs to epoch {@code initialEpoch}, that it has not already run out of patience, and
     * that its best weights (needed exactly when restoring) have the network's shapes.
     */
    public FitOptions resumeEarlyStopping(EarlyStoppingState state) {
        this.resumeEarlyStopping = Objects.requireNonNull(state, "early stopping state must not be null");
        return this;
    }

    /** A learning-rate schedule over epochs (default: the optimizer's rate throughout). */
    public FitOptions schedule(LearningRateSchedule schedule) {
        this.schedule = Objects.requireNonNull(schedule, "schedule must not be null");
        return this;
    }

    /**
     * Clips the gradient by its global norm before every step: when
     * {@code ‖g‖ = √(Σ g²)} over every weight and bias gradient of the batch (weight decay included)
     * exceeds {@code maxNorm}, all of them are scaled by {@code maxNorm / ‖g‖}, which keeps the
     * direction and bounds the step (Pascanu, Mikolov and Bengio, "On the difficulty of training
     * recurrent neural networks", ICML 2013). {@code 0} turns clipping off (the default).
     *
     * @throws IllegalArgumentException unless {@code maxNorm} is finite and ≥ 0
     */
    public FitOptions clipGradientNorm(double maxNorm) {
        if (!(maxNorm >= 0) || Double.isInfinite(maxNorm)) {
            throw new IllegalArgumentException("the gradient-clipping norm must be a finite number ≥ 0 (0 = off), got "
                    + maxNorm);
        }
        this.clipGradientNorm = maxNorm;
        return this;
    }

    /** The largest gradient norm a step may use; 0 when clipping is off. */
    public double clipGradientNorm() {
        return clipGradientNorm;
    }

    /** Adds a listener, called after every batch and epoch. */
    public FitOptions listener(TrainingListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener must not be null"));
        return this;
    }

    /** The number of epochs trained in all when fit ends. */
    public int epochs() {
        return epochs;
    }

    /** The batch size. */
    public int batchSize() {
        return batchSize;
    }

    /** The seed, or null for the network's training seed. */
    public Long seed() {
        return seed;
    }

    /** Whether samples are shuffled each epoch. */
    public boolean shuffle() {
        return shuffle;
    }

    /** The validation fraction. */
    public double validationSplit() {
        return validationSplit;
    }

    /** The validation data, or null. */
    public DataSet validationData() {
        return validationData;
    }

    /** The early stopping rule, or null. */
    public EarlyStopping earlyStopping() {
        return earlyStopping;
    }

    /** The first epoch index. */
    public int initialEpoch() {
        return initialEpoch;
    }

    /** The early-stopping state to continue from, or null to start afresh. */
    public EarlyStoppingState resumeEarlyStopping() {
        return resumeEarlyStopping;
    }

    /** The schedule, or null. */
    public LearningRateSchedule schedule() {
        return schedule;
    }

    /** The listeners (read-only). */
    public List<TrainingListener> listeners() {
        return List.copyOf(listeners);
    }
}

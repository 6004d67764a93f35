package toynn.train;

import java.util.List;
import java.util.Map;

/**
 * What {@link Momentum} and {@link Nesterov} share: a momentum μ in [0, 1) and one state array, the
 * velocity {@code v}, per parameter array. Each subclass keeps its own update formula.
 */
abstract class VelocityOptimizer extends Optimizer {
    private final double momentum;

    VelocityOptimizer(double lr, double momentum) {
        super(lr);
        this.momentum = checkFraction(momentum, "momentum");
    }

    /** A new optimizer of this kind with learning rate {@code lr} and momentum {@code mu}, without state. */
    abstract VelocityOptimizer with(double lr, double mu);

    /** The momentum μ. */
    public final double momentum() {
        return momentum;
    }

    @Override
    protected final void addHyperParameters(Map<String, Double> m) {
        m.put("momentum", momentum);
    }

    @Override
    public final List<String> slotNames() {
        return List.of("velocity");
    }

    @Override
    protected final Optimizer withHyperParameters(Map<String, Double> hp) {
        return with(get(hp, "learningRate", learningRate()), get(hp, "momentum", momentum));
    }
}

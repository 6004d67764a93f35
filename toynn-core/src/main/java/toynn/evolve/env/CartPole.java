package toynn.evolve.env;

import toynn.NeuralNetwork;
import toynn.evolve.FitnessFunction;
import toynn.evolve.Seeds;
import toynn.evolve.Trial;
import toynn.util.Rng;

/**
 * The cart-pole balancing task of Barto, Sutton &amp; Anderson (1983), with the physics of Gym's
 * {@code CartPole-v1}: a pole hinged on a cart that a force of ±10 N pushes left or right, Euler
 * integration with τ = 0.02 s. An episode fails when {@code |x| > 2.4} or {@code |θ| > 12°} and is cut
 * at 500 steps; every step, including the failing one, earns 1. The start state is uniform in
 * ±0.05 per variable, drawn from a seed. Headless and deterministic.
 *
 * <p>Equations of motion (Florian 2007, as in Gym), with {@code F = ±force_mag}:
 * <pre>
 *   temp  = (F + m_p·l·θ̇²·sin θ) / (m_c + m_p)
 *   θ̈     = (g·sin θ − cos θ·temp) / (l·(4/3 − m_p·cos²θ / (m_c + m_p)))
 *   ẍ     = temp − m_p·l·θ̈·cos θ / (m_c + m_p)
 *   x += τ·ẋ;  ẋ += τ·ẍ;  θ += τ·θ̇;  θ̇ += τ·θ̈
 * </pre>
 *
 * <p>A network drives the cart with the 4 state values {@code (x, ẋ, θ, θ̇)} as inputs: with one
 * output it pushes right when the output is above 0.5; with two or more it pushes right when
 * output 1 is larger than output 0 ({@link #pushRight(NeuralNetwork, double[])}).
 */
public final class CartPole {
    /** Gravity g (m/s²). */
    public static final double GRAVITY = 9.8;
    /** Cart mass m_c (kg). */
    public static final double MASS_CART = 1.0;
    /** Pole mass m_p (kg). */
    public static final double MASS_POLE = 0.1;
    /** Half the pole's length, l (m). */
    public static final double LENGTH = 0.5;
    /** The force of one push (N). */
    public static final double FORCE_MAG = 10.0;
    /** Seconds per step τ. */
    public static final double TAU = 0.02;
    /** Failure angle: 12° in radians. */
    public static final double THETA_THRESHOLD = 12 * 2 * Math.PI / 360;
    /** Failure position |x|. */
    public static final double X_THRESHOLD = 2.4;
    /** Steps after which an episode is cut (CartPole-v1). */
    public static final int MAX_STEPS = 500;
    /** The network shape the command line evolves: 4 inputs, 8 hidden, 2 outputs. */
    public static final int[] BRAIN = {4, 8, 2};

    private static final double TOTAL_MASS = MASS_POLE + MASS_CART;
    private static final double POLEMASS_LENGTH = MASS_POLE * LENGTH;

    private double x;
    private double xDot;
    private double theta;
    private double thetaDot;
    private int steps;
    private boolean terminated;

    /** A new episode whose start state is drawn from {@code seed}. */
    public CartPole(long seed) {
        Rng rng = new Rng(seed);
        x = rng.uniform(-0.05, 0.05);
        xDot = rng.uniform(-0.05, 0.05);
        theta = rng.uniform(-0.05, 0.05);
        thetaDot = rng.uniform(-0.05, 0.05);
    }

    /**
     * An episode from a given state.
     *
     * @throws IllegalArgumentException if a value is not finite
     */
    public CartPole(double x, double xDot, double theta, double thetaDot) {
        for (double v : new double[] {x, xDot, theta, thetaDot}) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("cart-pole state must be finite, got (" + x + ", " + xDot + ", "
                        + theta + ", " + thetaDot + ")");
            }
        }
        this.x = x;
        this.xDot = xDot;
        this.theta = theta;
        this.thetaDot = thetaDot;
    }

    /**
     * One step of τ seconds with a push to the right ({@code true}) or left.
     *
     * @return true when the episode is over (failed or at the step limit)
     * @throws IllegalStateException if the episode is already over
     */
    public boolean step(boolean pushRight) {
        if (isDone()) {
            throw new IllegalStateException("the episode is over after " + steps + " steps; start a new CartPole");
        }
        double force = pushRight ? FORCE_MAG : -FORCE_MAG;
        double cos = Math.cos(theta);
        double sin = Math.sin(theta);
        double temp = (force + POLEMASS_LENGTH * thetaDot * thetaDot * sin) / TOTAL_MASS;
        double thetaAcc = (GRAVITY * sin - cos * temp)
                / (LENGTH * (4.0 / 3.0 - MASS_POLE * cos * cos / TOTAL_MASS));
        double xAcc = temp - POLEMASS_LENGTH * thetaAcc * cos / TOTAL_MASS;
        x = x + TAU * xDot;                      // Euler: positions move with the old velocities
        xDot = xDot + TAU * xAcc;
        theta = theta + TAU * thetaDot;
        thetaDot = thetaDot + TAU * thetaAcc;
        steps++;
        terminated = x < -X_THRESHOLD || x > X_THRESHOLD || theta < -THETA_THRESHOLD || theta > THETA_THRESHOLD;
        return isDone();
    }

    /** True once the pole fell or the cart left the track. */
    public boolean isTerminated() {
        return terminated;
    }

    /** True when the episode is over: failed, or {@link #MAX_STEPS} steps done. */
    public boolean isDone() {
        return terminated || steps >= MAX_STEPS;
    }

    /** Steps taken, which is also the reward so far. */
    public int steps() {
        return steps;
    }

    /** Cart position x (m). */
    public double x() {
        return x;
    }

    /** Cart velocity ẋ (m/s). */
    public double xDot() {
        return xDot;
    }

    /** Pole angle θ (rad, 0 = upright, positive = leaning right). */
    public double theta() {
        return theta;
    }

    /** Pole angular velocity θ̇ (rad/s). */
    public double thetaDot() {
        return thetaDot;
    }

    /** The observation {@code (x, ẋ, θ, θ̇)}, a new array. */
    public double[] state() {
        return new double[] {x, xDot, theta, thetaDot};
    }

    /**
     * The network's decision for a state: one output → right when it is above 0.5; more → right when
     * output 1 beats output 0.
     *
     * @throws IllegalArgumentException if the network does not take 4 inputs
     */
    public static boolean pushRight(NeuralNetwork brain, double[] state) {
        double[] out = brain.predict(state);
        return out.length == 1 ? out[0] > 0.5 : out[1] > out[0];
    }

    /**
     * Plays one episode from the start state of {@code seed} with {@code brain} deciding every step.
     *
     * @return steps balanced, 1 … {@link #MAX_STEPS}
     */
    public static int balance(NeuralNetwork brain, long seed) {
        checkBrain(brain);
        CartPole env = new CartPole(seed);
        while (!env.step(pushRight(brain, env.state()))) {
            // keep balancing
        }
        return env.steps();
    }

    /**
     * A fitness: the mean steps balanced over {@code episodes} episodes whose start states derive from
     * the trial's seed (the same starts for every network of a generation); at most {@link #MAX_STEPS}.
     *
     * @throws IllegalArgumentException if episodes &lt; 1
     */
    public static FitnessFunction fitness(int episodes) {
        if (episodes < 1) {
            throw new IllegalArgumentException("episodes must be at least 1, got " + episodes);
        }
        return new FitnessFunction() {
            @Override
            public double fitness(NeuralNetwork network) {
                return fitness(network, new Trial(0, 0, 0L));
            }

            @Override
            public double fitness(NeuralNetwork network, Trial trial) {
                double total = 0;
                for (int e = 0; e < episodes; e++) {
                    total += balance(network, Seeds.derive(trial.seed(), e));
                }
                return total / episodes;
            }
        };
    }

    private static void checkBrain(NeuralNetwork brain) {
        if (brain.inputSize() != 4) {
            throw new IllegalArgumentException("a cart-pole brain takes the 4 state values (x, ẋ, θ, θ̇) as inputs, "
                    + "but this network takes " + brain.inputSize());
        }
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "CartPole(step %d, x %.3f, ẋ %.3f, θ %.3f, θ̇ %.3f%s)", steps, x,
                xDot, theta, thetaDot, terminated ? ", fallen" : "");
    }
}

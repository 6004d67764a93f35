package toynn.evolve;

/**
 * Told after each generation is evaluated, on the thread that runs the evolution. Call
 * {@link Population#stop()} from here to end {@code evolve} after this generation.
 */
@FunctionalInterface
public interface GenerationListener {
    /** Called once per evaluated generation. */
    void onGeneration(GenerationStats stats);
}

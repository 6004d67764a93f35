package toynn.evolve;

import toynn.util.Rng;

/**
 * What a fitness function is told about one evaluation.
 *
 * @param generation the generation being evaluated (0 = the first)
 * @param index      the network's index in the population, or −1 when the whole population is
 *                   evaluated at once ({@link PopulationFitness})
 * @param seed       the scenario seed of this generation, derived from (run seed, generation): the same
 *                   for every network of the generation, so all face the same start states or pipes
 */
public record Trial(int generation, int index, long seed) {
    /**
     * A generator for randomness private to this network (e.g. a stochastic policy), derived from
     * (seed, index); a new generator each call, starting from the same state.
     */
    public Rng rng() {
        return new Rng(Seeds.derive(seed, index));
    }
}

package dev.tcplab.stack.dev.fault;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcplab.stack.dev.Fault;
import dev.tcplab.stack.dev.Fates;
import dev.tcplab.stack.dev.FrameFate;
import dev.tcplab.stack.sim.Rng;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** netem's random faults: rates over many frames with a fixed seed, notes, determinism. */
class RandomFaultsTest {
    private static final byte[] FRAME = Segments.data(1001, "x");
    private static final int N = 100_000;

    private static List<FrameFate> run(Fault fault, long seed, int frames) {
        Rng rng = new Rng(seed);
        List<FrameFate> fates = new ArrayList<>(frames);
        for (int i = 0; i < frames; i++) {
            fates.add(Fates.run(fault, rng, FRAME, i * 1000L));
        }
        return fates;
    }

    private static double dropRate(List<FrameFate> fates) {
        return fates.stream().filter(Fates::dropped).count() / (double) fates.size();
    }

    @Test
    void lossRateIsP() {
        List<FrameFate> fates = run(Faults.loss(0.2), 1, N);
        assertEquals(0.2, dropRate(fates), 0.01);
        FrameFate lost = fates.stream().filter(Fates::dropped).findFirst().orElseThrow();
        assertEquals(List.of("loss"), Fates.notes(lost));
        FrameFate kept = fates.stream().filter(f -> !Fates.dropped(f)).findFirst().orElseThrow();
        assertEquals(List.of(), Fates.notes(kept));
        assertEquals(0.0, dropRate(run(Faults.loss(0), 2, 1000)));
        assertEquals(1.0, dropRate(run(Faults.loss(1), 2, 1000)));
        assertEquals("loss 20%", Faults.loss(0.2).toString());
        assertEquals("loss 12.5% 25%", Faults.loss(0.125, 0.25).toString());
    }

    @Test
    void correlatedLossKeepsItsRateButClustersLosses() {
        List<FrameFate> plain = run(Faults.loss(0.2), 3, N);
        List<FrameFate> correlated = run(Faults.loss(0.2, 0.75), 3, N);
        assertEquals(0.2, dropRate(correlated), 0.01);
        assertEquals(0.2, lossAfterLoss(plain), 0.01);
        // P(loss | previous lost) = c + (1 - c) p = 0.8
        assertEquals(0.8, lossAfterLoss(correlated), 0.01);
    }

    private static double lossAfterLoss(List<FrameFate> fates) {
        int losses = 0;
        int repeats = 0;
        for (int i = 1; i < fates.size(); i++) {
            if (Fates.dropped(fates.get(i - 1))) {
                losses++;
                repeats += Fates.dropped(fates.get(i)) ? 1 : 0;
            }
        }
        return repeats / (double) losses;
    }

    @Test
    void gilbertElliottBurstsAverageOneOverR() {
        double p = 0.01;
        double r = 0.25;
        List<FrameFate> fates = run(Faults.gilbertElliott(p, r), 4, N);
        List<Integer> bursts = new ArrayList<>();
        int run = 0;
        for (FrameFate f : fates) {
            if (Fates.dropped(f)) {
                run++;
            } else if (run > 0) {
                bursts.add(run);
                run = 0;
            }
        }
        double mean = bursts.stream().mapToInt(Integer::intValue).average().orElseThrow();
        assertEquals(1 / r, mean, 0.1 / r);
        assertEquals(p / (p + r), dropRate(fates), 0.008);
        assertTrue(bursts.size() > 500, "enough bursts to judge: " + bursts.size());
        FrameFate lost = fates.stream().filter(Fates::dropped).findFirst().orElseThrow();
        assertEquals(List.of("gilbert-elliott: bad state"), Fates.notes(lost));
        assertEquals("loss gemodel 1% 25% 100% 0%", Faults.gilbertElliott(p, r).toString());
    }

    @Test
    void gilbertElliottLossProbabilitiesPerState() {
        // never leaves Good: only 1-k applies
        List<FrameFate> good = run(Faults.gilbertElliott(0, 1, 1, 0.3), 5, N);
        assertEquals(0.3, dropRate(good), 0.01);
        assertEquals(List.of("gilbert-elliott: good state"),
                Fates.notes(good.stream().filter(Fates::dropped).findFirst().orElseThrow()));
        // enters Bad after the first frame and stays: only 1-h applies from then on
        List<FrameFate> bad = run(Faults.gilbertElliott(1, 0, 0.6, 0), 5, N);
        assertFalse(Fates.dropped(bad.get(0)));
        assertEquals(0.6, dropRate(bad.subList(1, bad.size())), 0.01);
        assertThrows(IllegalArgumentException.class, () -> Faults.gilbertElliott(1.5, 0.1));
    }

    @Test
    void fixedDelayAndUniformJitter() {
        FrameFate fixed = run(Faults.delay(10_000_000), 6, 1).get(0);
        assertEquals(10_000_000, Fates.extraDelay(fixed));
        assertEquals(List.of("delay +10.000ms"), Fates.notes(fixed));

        List<FrameFate> fates = run(Faults.delay(10_000_000, 2_000_000), 6, N);
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        double sum = 0;
        for (FrameFate f : fates) {
            long d = Fates.extraDelay(f);
            min = Math.min(min, d);
            max = Math.max(max, d);
            sum += d;
        }
        assertTrue(min >= 8_000_000 && min < 8_010_000, "min " + min);
        assertTrue(max <= 12_000_000 && max > 11_990_000, "max " + max);
        assertEquals(10_000_000, sum / N, 20_000);
        assertEquals("delay 10.000ms 2.000ms", Faults.delay(10_000_000, 2_000_000).toString());
    }

    @Test
    void normalJitterHasMeanDAndDeviationJAndNeverGoesNegative() {
        List<FrameFate> fates = run(Faults.delay(50_000_000, 5_000_000, Delay.Distribution.NORMAL), 7, N);
        double mean = fates.stream().mapToLong(Fates::extraDelay).average().orElseThrow();
        double var = fates.stream().mapToDouble(f -> Math.pow(Fates.extraDelay(f) - mean, 2)).sum() / N;
        assertEquals(50_000_000, mean, 100_000);
        assertEquals(5_000_000, Math.sqrt(var), 100_000);

        List<FrameFate> wide = run(Faults.delay(1_000_000, 5_000_000, Delay.Distribution.NORMAL), 7, 10_000);
        assertTrue(wide.stream().allMatch(f -> Fates.extraDelay(f) >= 0));
        assertTrue(wide.stream().anyMatch(f -> Fates.extraDelay(f) == 0), "clamped at 0");
        assertEquals("delay 50.000ms 5.000ms distribution normal",
                Faults.delay(50_000_000, 5_000_000, Delay.Distribution.NORMAL).toString());
    }

    @Test
    void duplicateRateIsP() {
        List<FrameFate> fates = run(Faults.duplicate(0.05), 8, N);
        long copies = fates.stream().mapToInt(Fates::extraCopies).sum();
        assertEquals(0.05, copies / (double) N, 0.005);
        assertTrue(fates.stream().noneMatch(Fates::dropped));
        assertEquals(List.of("duplicate"),
                Fates.notes(fates.stream().filter(f -> Fates.extraCopies(f) == 1).findFirst().orElseThrow()));
    }

    @Test
    void sameSeedSameFatesOtherSeedOtherFates() {
        Supplier<List<Fault>> chain = () -> List.of(Faults.gilbertElliott(0.05, 0.3, 0.9, 0.01),
                Faults.loss(0.1, 0.2), Faults.delay(5_000_000, 1_000_000, Delay.Distribution.NORMAL),
                Faults.duplicate(0.1), Faults.corrupt(0.1), Faults.reorder(Faults.delay(1_000_000), 0.3, 2));
        List<String> first = outcomes(chain.get(), 42);
        List<String> again = outcomes(chain.get(), 42);
        List<String> other = outcomes(chain.get(), 43);
        assertEquals(first, again);
        assertNotEquals(first, other);
    }

    private static List<String> outcomes(List<Fault> chain, long seed) {
        Rng rng = new Rng(seed);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            FrameFate fate = Fates.at(FRAME, i);
            for (Fault f : chain) {
                if (!Fates.dropped(fate)) {
                    f.apply(fate, rng);
                }
            }
            out.add(Fates.dropped(fate) + " " + Fates.extraDelay(fate) + " " + Fates.extraCopies(fate) + " "
                    + Fates.describe(fate) + " " + java.util.Arrays.hashCode(fate.frame()));
        }
        return out;
    }

    @Test
    void badParametersAreRefusedClearly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Faults.loss(20));
        assertEquals("loss must be a probability in [0, 1], got 20.0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Faults.loss(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Faults.delay(-1));
        assertThrows(IllegalArgumentException.class, () -> Faults.reorder(null, 0.5));
        assertThrows(IllegalArgumentException.class, () -> Faults.reorder(Faults.delay(1), 0.5, 0));
        assertThrows(IllegalArgumentException.class, () -> Faults.down(5, 2));
        assertArrayEquals(Segments.syn(), Segments.syn(), "frames are deterministic");
    }
}

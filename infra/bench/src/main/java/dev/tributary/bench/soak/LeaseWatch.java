package dev.tributary.bench.soak;

import java.util.function.BooleanSupplier;

/** Counts how often the shard's lease changes hands between workers, sampling the lease table. */
final class LeaseWatch {

    private final SoakStack stack;
    private volatile int moves;

    LeaseWatch(SoakStack stack) {
        this.stack = stack;
    }

    void run(BooleanSupplier done) throws InterruptedException {
        String holder = null;
        while (!done.getAsBoolean()) {
            var now = stack.leaseHolder().orElse(null);
            if (now != null) {
                if (holder != null && !holder.equals(now)) {
                    moves++;
                }
                holder = now;
            }
            Thread.sleep(250);
        }
    }

    int moves() {
        return moves;
    }
}

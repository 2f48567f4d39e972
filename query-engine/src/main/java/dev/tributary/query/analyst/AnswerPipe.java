package dev.tributary.query.analyst;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The body of an answer being streamed: chunks of up to {@value #CHUNK_BYTES} bytes, written by the thread
 * that reads the rows and read by the HTTP server as it sends them. At most {@value #WAITING} chunks wait
 * in between, so a slow client slows the query down instead of filling the heap. A client that takes no
 * chunk for {@code stall}, or goes away, ends the answer: the writer's next {@link #write} throws
 * {@link ReaderGone}.
 */
final class AnswerPipe extends InputStream {

    static final int CHUNK_BYTES = 32 * 1024;
    private static final int WAITING = 4;
    private static final byte[] END = new byte[0];

    private final BlockingQueue<byte[]> chunks = new ArrayBlockingQueue<>(WAITING);
    private final Duration stall;
    private final Runnable firstChunkSent;
    private final byte[] pending = new byte[CHUNK_BYTES];
    private int pendingLength;
    private boolean sent;
    private volatile boolean closed;
    private byte[] reading = new byte[0];
    private int readPosition;

    /** @param firstChunkSent runs once, when the first chunk goes to the reader: the headers are then final */
    AnswerPipe(Duration stall, Runnable firstChunkSent) {
        this.stall = stall;
        this.firstChunkSent = firstChunkSent;
    }

    /** True once a chunk has gone to the reader. */
    boolean sent() {
        return sent;
    }

    void write(byte[] bytes) throws ReaderGone, InterruptedException {
        int offset = 0;
        while (offset < bytes.length) {
            int length = Math.min(bytes.length - offset, CHUNK_BYTES - pendingLength);
            System.arraycopy(bytes, offset, pending, pendingLength, length);
            pendingLength += length;
            offset += length;
            if (pendingLength == CHUNK_BYTES) {
                send();
            }
        }
    }

    /** Sends what is pending, then the end of the answer. */
    void finish() throws ReaderGone, InterruptedException {
        send();
        hand(END);
    }

    private void send() throws ReaderGone, InterruptedException {
        if (pendingLength == 0) {
            return;
        }
        byte[] chunk = java.util.Arrays.copyOf(pending, pendingLength);
        pendingLength = 0;
        if (!sent) {
            sent = true;
            firstChunkSent.run();
        }
        hand(chunk);
    }

    private void hand(byte[] chunk) throws ReaderGone, InterruptedException {
        if (closed || !chunks.offer(chunk, stall.toMillis(), TimeUnit.MILLISECONDS) || closed) {
            throw new ReaderGone();
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] into, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (readPosition == reading.length) {
            if (reading == END) {
                return -1;
            }
            try {
                byte[] next = chunks.poll(stall.toMillis(), TimeUnit.MILLISECONDS);
                if (next == null) {
                    throw new IOException("the answer stalled for " + stall.toSeconds() + " s");
                }
                reading = next;
                readPosition = 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the answer", e);
            }
            if (reading == END) {
                return -1;
            }
        }
        int count = Math.min(length, reading.length - readPosition);
        System.arraycopy(reading, readPosition, into, offset, count);
        readPosition += count;
        return count;
    }

    @Override
    public void close() {
        closed = true;
        chunks.clear();
    }

    /** The reader closed the answer or stopped taking it. */
    static final class ReaderGone extends Exception {
        ReaderGone() {
            super("the client stopped reading the answer", null, false, false);
        }
    }
}

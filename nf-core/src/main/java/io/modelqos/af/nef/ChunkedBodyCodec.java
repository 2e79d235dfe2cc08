package io.modelqos.af.nef;

import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.ext.web.codec.BodyCodec;
import io.vertx.ext.web.codec.spi.BodyStream;
import io.vertx.core.streams.WriteStream;

/**
 * Collects an answer's body as the chunks it arrived in, without copying them into one buffer: the body is a view
 * over the chunks. For the NEF's whole list, tens of MB at tens of thousands of subscriptions: WebClient's own buffer
 * codec grows one array by doubling, so the event loop allocated and copied arrays of up to 64 MB while the list
 * arrived, and was held for 55-58 ms by it (ReconciliationAtScaleTest). Reading the body as one array (the decoding)
 * is then the worker's job.
 */
final class ChunkedBodyCodec implements BodyCodec<Buffer> {
    static final ChunkedBodyCodec INSTANCE = new ChunkedBodyCodec();

    private ChunkedBodyCodec() {
    }

    @Override
    public BodyStream<Buffer> stream() {
        return new Chunks();
    }

    private static final class Chunks implements BodyStream<Buffer> {
        private final CompositeByteBuf chunks = Unpooled.compositeBuffer(Integer.MAX_VALUE);
        private final Promise<Buffer> body = Promise.promise();

        @Override
        public Future<Buffer> result() {
            return body.future();
        }

        @Override
        public void handle(Throwable failure) {
            body.tryFail(failure);
        }

        @Override
        public Future<Void> write(Buffer chunk) {
            chunks.addComponent(true, ((BufferInternal) chunk).getByteBuf());
            return Future.succeededFuture();
        }

        @Override
        public Future<Void> end() {
            body.tryComplete(BufferInternal.buffer(chunks));
            return Future.succeededFuture();
        }

        @Override
        public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
            return this;
        }

        @Override
        public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
            return this;
        }

        @Override
        public boolean writeQueueFull() {
            return false;
        }

        @Override
        public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
            return this;
        }
    }
}

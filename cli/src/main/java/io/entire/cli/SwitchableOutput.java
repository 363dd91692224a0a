package io.entire.cli;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.OutputStream;

/** Standard output that can be pointed at another stream (a pager's input) while a command runs. One thread. */
final class SwitchableOutput extends OutputStream {
    private OutputStream target;

    SwitchableOutput(OutputStream target) {
        this.target = requireNonNull(target, "target is null");
    }

    void switchTo(OutputStream next) {
        target = requireNonNull(next, "next is null");
    }

    @Override
    public void write(int b) throws IOException {
        target.write(b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        target.write(bytes, offset, length);
    }

    @Override
    public void flush() throws IOException {
        target.flush();
    }
}

package io.modelqos.nef.emulator;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the NEF emulator until the process is stopped.
 *
 * <pre>
 * NefEmulatorMain [--port N] [--host ADDR] [--config options.json|options.yaml] [--tls-cert FILE --tls-key FILE]
 *                 [--print-default-config]
 * </pre>
 *
 * {@code --port} wins over the config file; without either the port is 8081. {@code --tls-cert} and
 * {@code --tls-key} (PEM, given together) serve https, as {@code tls.certFile} and {@code tls.keyFile}
 * do, and win over the file.
 */
public final class NefEmulatorMain {

    private static final Logger LOG = LoggerFactory.getLogger(NefEmulatorMain.class);
    public static final int DEFAULT_PORT = 8081;

    private NefEmulatorMain() {
    }

    public static void main(String[] args) throws Exception {
        EmulatorOptions options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("nef-emulator: " + e.getMessage());
            System.err.println(usage());
            System.exit(2);
            return;
        }
        if (options == null) {
            return;
        }
        Vertx vertx = Vertx.vertx();
        NefEmulator nef;
        try {
            nef = NefEmulator.start(vertx, options).await();
        } catch (Exception e) {
            LOG.error("NEF emulator failed to start", e);
            vertx.close();
            System.exit(1);
            return;
        }
        System.out.println("NEF emulator: " + nef.endpoints());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                // two steps, not compose(): a continuation on the emulator's context would be
                // scheduled on an event loop that vertx.close() has already stopped
                nef.close().await();
                vertx.close().await();
            } catch (Exception e) {
                LOG.warn("shutdown: {}", e.toString());
            } finally {
                stopped.countDown();
            }
        }, "nef-emulator-shutdown"));
        stopped.await();
    }

    /**
     * The options the arguments describe, or null when only help or the default configuration was
     * asked for (already printed).
     *
     * @throws IllegalArgumentException for bad arguments or a bad config file
     */
    static EmulatorOptions parse(String[] args) {
        Integer port = null;
        String host = null;
        Path config = null;
        String tlsCert = null;
        String tlsKey = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--port" -> port = parsePort(value(args, ++i, arg));
                case "--host" -> host = value(args, ++i, arg);
                case "--config" -> config = Path.of(value(args, ++i, arg));
                case "--tls-cert" -> tlsCert = value(args, ++i, arg);
                case "--tls-key" -> tlsKey = value(args, ++i, arg);
                case "--print-default-config" -> {
                    System.out.println(new EmulatorOptions().setPort(DEFAULT_PORT).toJson());
                    return null;
                }
                case "-h", "--help" -> {
                    System.out.println(usage());
                    return null;
                }
                default -> {
                    if (arg.startsWith("--port=")) {
                        port = parsePort(arg.substring("--port=".length()));
                    } else if (arg.startsWith("--config=")) {
                        config = Path.of(arg.substring("--config=".length()));
                    } else if (arg.startsWith("--host=")) {
                        host = arg.substring("--host=".length());
                    } else if (arg.startsWith("--tls-cert=")) {
                        tlsCert = arg.substring("--tls-cert=".length());
                    } else if (arg.startsWith("--tls-key=")) {
                        tlsKey = arg.substring("--tls-key=".length());
                    } else {
                        throw new IllegalArgumentException("unknown argument " + arg);
                    }
                }
            }
        }
        EmulatorOptions options;
        if (config != null) {
            if (!Files.isReadable(config)) {
                throw new IllegalArgumentException("cannot read config file " + config);
            }
            options = EmulatorOptions.fromFile(config);
        } else {
            options = new EmulatorOptions();
        }
        if (port != null) {
            options.setPort(port);
        } else if (options.getPort() == 0) {
            options.setPort(DEFAULT_PORT);
        }
        if (host != null) {
            options.setHost(host);
        }
        options.getTls().fromFlags(tlsCert, tlsKey);
        return options.validated();
    }

    static String usage() {
        return "usage: nef-emulator [--port N] [--host ADDR] [--config options.json|options.yaml]"
                + " [--tls-cert FILE --tls-key FILE] [--print-default-config]";
    }

    private static String value(String[] args, int i, String name) {
        if (i >= args.length) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return args[i];
    }

    private static int parsePort(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port needs a number in 0..65535: " + text);
        }
    }
}

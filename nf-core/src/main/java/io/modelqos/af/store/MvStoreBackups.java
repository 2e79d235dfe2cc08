package io.modelqos.af.store;

import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.zip.ZipOutputStream;

/**
 * Online backups of the MVStore file ({@link MvStoreDeliveryStore#backups()}): one on demand, or one every period on a
 * thread of its own. Each first checkpoints what the journal holds, so that the copy has every write acknowledged so far.
 */
public final class MvStoreBackups {
    /** Logs under the store's name, as all of the store's parts do. */
    private static final Logger LOG = LoggerFactory.getLogger(MvStoreDeliveryStore.class);

    private final MVStore mv;
    /** Commits what the store holds so far, under the store's lock. */
    private final Runnable commitNow;
    private java.util.concurrent.ScheduledExecutorService backups;

    MvStoreBackups(MVStore mv, Runnable commitNow) {
        this.mv = mv;
        this.commitNow = commitNow;
    }

    /**
     * Writes a consistent copy of the store file into a zip, while the AF runs (MVStore's own online backup):
     * unzip it into an empty data directory to restore.
     */
    public void backup(OutputStream zip) throws IOException {
        commitNow.run();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            mv.getFileStore().backup(out);
        }
    }

    /**
     * Writes an online backup ({@link #backup}) into {@code dir} every {@code period}, as
     * {@code deliveries-<UTC time>.zip}, keeping the newest {@code keep}; on a thread of its own, until
     * {@link #close()}.
     */
    public synchronized void backupEvery(java.time.Duration period, Path dir, int keep) {
        if (backups != null) {
            backups.shutdownNow();
        }
        backups = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "modelqos-store-backup");
            t.setDaemon(true);
            return t;
        });
        backups.scheduleWithFixedDelay(() -> backupInto(dir, keep), period.toMillis(), period.toMillis(),
                java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** One backup into {@code dir} (written aside, then moved into place), pruning beyond {@code keep}; the zip. */
    public Path backupInto(Path dir, int keep) {
        try {
            Files.createDirectories(dir);
            String name = "deliveries-" + java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")
                    .withZone(java.time.ZoneOffset.UTC).format(Instant.now()) + ".zip";
            Path partial = dir.resolve(name + ".partial");
            try (OutputStream out = Files.newOutputStream(partial)) {
                backup(out);
            }
            Path zip = Files.move(partial, dir.resolve(name), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            try (var listing = Files.list(dir)) {
                List<Path> all = listing.filter(p -> p.getFileName().toString().matches("deliveries-.*\\.zip"))
                        .sorted().toList();
                for (int i = 0; i < all.size() - Math.max(1, keep); i++) {
                    Files.deleteIfExists(all.get(i));
                }
            }
            LOG.info("delivery store: backup {}", zip);
            return zip;
        } catch (IOException | RuntimeException e) {
            LOG.warn("delivery store: backup into {} failed: {}", dir, e.toString());
            return null;
        }
    }

    /** Stops the periodic backups. */
    synchronized void stop() {
        if (backups != null) {
            backups.shutdownNow();
        }
    }
}

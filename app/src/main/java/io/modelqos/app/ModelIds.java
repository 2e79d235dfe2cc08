package io.modelqos.app;

import io.modelqos.af.catalog.ModelCatalog;

import java.util.Iterator;

/** The built-in model ids, for picocli's help text. */
final class ModelIds implements Iterable<String> {

    @Override
    public Iterator<String> iterator() {
        return ModelCatalog.builtIn().ids().iterator();
    }
}

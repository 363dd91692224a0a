package io.entire.core.doctor;

import io.entire.core.EntireException;

/** No recorded session matches what the user typed, or several do. */
public final class SessionNotFoundException extends EntireException {
    private final String query;

    public SessionNotFoundException(String query, String problem) {
        super(Category.STATE, problem);
        this.query = query;
    }

    /** The session id or prefix asked for. */
    public String query() {
        return query;
    }
}

package io.entire.search;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.automaton.ByteRunAutomaton;

/** The analyzed terms a query looks for in the text (excluded ones left out), to mark them in a snippet. */
final class QueryTerms {
    private final Set<BytesRef> terms = new HashSet<>();
    private final List<ByteRunAutomaton> patterns = new ArrayList<>();

    private QueryTerms() {
    }

    static QueryTerms of(Query query) {
        QueryTerms collected = new QueryTerms();
        query.visit(new QueryVisitor() {
            @Override
            public boolean acceptField(String field) {
                return field.equals(IndexFields.TEXT);
            }

            @Override
            public void consumeTerms(Query source, Term... found) {
                for (Term term : found) {
                    collected.terms.add(BytesRef.deepCopyOf(term.bytes()));
                }
            }

            @Override
            public void consumeTermsMatching(Query source, String field, Supplier<ByteRunAutomaton> automaton) {
                collected.patterns.add(automaton.get());
            }

            @Override
            public QueryVisitor getSubVisitor(BooleanClause.Occur occur, Query parent) {
                return occur == BooleanClause.Occur.MUST_NOT ? QueryVisitor.EMPTY_VISITOR : this;
            }
        });
        return collected;
    }

    /** True when the query asks for no word at all (only common words, punctuation, or exclusions). */
    boolean isEmpty() {
        return terms.isEmpty() && patterns.isEmpty();
    }

    boolean matches(BytesRef term) {
        if (terms.contains(term)) {
            return true;
        }
        for (ByteRunAutomaton pattern : patterns) {
            if (pattern.run(term.bytes, term.offset, term.length)) {
                return true;
            }
        }
        return false;
    }
}

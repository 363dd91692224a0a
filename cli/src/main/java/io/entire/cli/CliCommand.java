package io.entire.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/**
 * One command of {@code entire}: its picocli model, declared in code, and what it does with a parse of its arguments.
 * The model is built without annotations: reading them makes the JDK generate a proxy class per annotation type at
 * run time, 35-45 ms of every command even with a start-up cache (bench/RESULTS.md).
 */
interface CliCommand {
    /** The command's name, options and parameters, with this command as its user object. */
    CommandSpec spec();

    /** Runs the command with its parsed arguments; returns the exit code. */
    int run(ParseResult parsed);
}

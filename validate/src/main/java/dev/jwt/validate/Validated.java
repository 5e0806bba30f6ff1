package dev.jwt.validate;

/** What validation of a binary gives: a core module or a component, with their type facts. */
public sealed interface Validated permits ValidatedModule, ValidatedComponent {
}

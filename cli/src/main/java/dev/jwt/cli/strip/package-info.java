/** {@code jwt strip}: custom sections removed, every other section copied byte for byte. */
package dev.jwt.cli.strip;

/** {@code jwt objdump}: the section table of a core module, as {@code wasm-tools objdump} prints it. */
package dev.jwt.cli.objdump;

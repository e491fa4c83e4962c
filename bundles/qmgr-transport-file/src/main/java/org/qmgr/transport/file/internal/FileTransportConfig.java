package org.qmgr.transport.file.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the file: transport (PID {@code org.qmgr.transport.file}). */
@ObjectClassDefinition(
        name = "qmgr file transport",
        description = "Where the file: transport may read source files for the qmgr engine, and how.")
public @interface FileTransportConfig {

    @AttributeDefinition(name = "Allowed source roots",
            description = "Absolute directories whose files may be downloaded (each entry may also list several, "
                    + "comma-separated); empty allows any file the service can read. Karaf's own etc/ and data/ "
                    + "are always refused.")
    String[] allowedRoots() default {};

    @AttributeDefinition(name = "Read buffer size (bytes)", min = "4096", max = "8388608",
            description = "Bytes read from the source file per call, into one direct buffer per open transfer.")
    int readBufferSize() default 65536;
}

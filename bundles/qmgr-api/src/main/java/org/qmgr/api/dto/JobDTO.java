package org.qmgr.api.dto;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A snapshot of a job and its files. */
public class JobDTO {
    /** The job's id. */
    public UUID jobId;
    /** The files in index order. */
    public List<FileDTO> files = new ArrayList<>();
}

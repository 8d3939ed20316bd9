//! `--faults FILE`: `{"hz-traffic-police":{"mode":"garbage","latency_ms":0,"error_rate":0.3}}`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use thiserror::Error;

use super::{Fault, Faults};
use crate::departments::DEPARTMENTS;

/// Why the faults file was refused (the server does not start).
#[derive(Debug, Error)]
pub enum FaultFileError {
    /// The file could not be read.
    #[error("cannot read faults file `{path}`: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// The underlying I/O error.
        source: std::io::Error,
    },
    /// The file is not a JSON object of department faults.
    #[error("invalid faults file `{path}`: {source}")]
    Json {
        /// The file.
        path: PathBuf,
        /// What serde found wrong.
        source: serde_json::Error,
    },
    /// A department that the sandbox does not simulate, or an out-of-range value.
    #[error("invalid faults file `{path}` at `/{department}`: {message}")]
    Entry {
        /// The file.
        path: PathBuf,
        /// The department key.
        department: String,
        /// What is wrong with it.
        message: String,
    },
}

/// Reads and checks a faults file and sets every fault it names.
pub fn load_file(path: &Path, faults: &Faults) -> Result<usize, FaultFileError> {
    let text = std::fs::read_to_string(path)
        .map_err(|source| FaultFileError::Read { path: path.to_path_buf(), source })?;
    let entries: BTreeMap<String, Fault> = serde_json::from_str(&text)
        .map_err(|source| FaultFileError::Json { path: path.to_path_buf(), source })?;
    for (department, fault) in &entries {
        let entry = |message: String| FaultFileError::Entry {
            path: path.to_path_buf(),
            department: department.clone(),
            message,
        };
        if !DEPARTMENTS.contains(&department.as_str()) {
            return Err(entry(format!("no department `{department}`")));
        }
        fault.check().map_err(entry)?;
    }
    for (department, fault) in &entries {
        faults.set(department, *fault);
    }
    Ok(entries.len())
}

//! Reading .docx packages (zip + quick-xml) into text with Word locations.

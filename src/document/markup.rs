//! Markup leftovers from extraction (Markdown, HTML, LaTeX) and their meaning.

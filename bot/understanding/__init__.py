"""Question understanding: what a teacher's question names (province, school year, issuer, document, part)."""

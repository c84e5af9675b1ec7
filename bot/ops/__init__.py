"""Running the service: backup and restore, deployment checks, retention of personal data, metrics."""

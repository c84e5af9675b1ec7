"""The school-year calendar: dated items from the documents, answers, ICS export and reminders."""

"""The chatbot: understanding questions, retrieval and answers."""

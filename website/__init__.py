"""The top floor, beside the demo: the URL configuration that puts every app's views on the web."""

"""The core's demo content: the station's home page, teams, showroom and admin user, built by ``load_initial_data``.

Demo content is data loaded by a command, not part of the running site: no web process imports this package (a test
makes sure). The Chinese texts and tables are in ``content``; the other modules are the idempotent loaders.
"""

"""The smallest page the design card allows: Dash with one empty dash-leaflet map.

``bench/floor.py`` measures its cold first paint, the floor under any page of
this project on the same machine.
"""

import dash_leaflet as dl
from dash import Dash, html

app = Dash(__name__)
app.layout = html.Div([html.H1("Segregationsatlas"),
                       dl.MapContainer([], center=[59.4, 13.5], zoom=8, style={"height": "600px"}, id="map")])
server = app.server

"""What every API test file needs: a JSON GET, and the paging values each list refuses."""


def get_json(client, url, params=None, **extra):
    response = client.get(url, params or {}, **extra)
    assert response["Content-Type"].startswith("application/json"), response.content[:200]
    return response, response.json()


# (query parameters, the parameter a 422 must name) for `limit` and `offset`, which every
# list of the API takes alike (api.schemas.Page).
BAD_PAGING = [
    ({"limit": "0"}, "limit"),
    ({"limit": "101"}, "limit"),
    ({"limit": "-5"}, "limit"),
    ({"limit": "abc"}, "limit"),
    ({"limit": "1.5"}, "limit"),
    ({"limit": ""}, "limit"),
    ({"offset": "-1"}, "offset"),
    ({"offset": "100001"}, "offset"),
    ({"offset": "99999999999999999999999999"}, "offset"),
    ({"offset": "zero"}, "offset"),
]

<?xml version='1.0' encoding='UTF-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="sv_SE" sourcelanguage="en">
<context>
    <name>BasketPanel</name>
    <message>
        <location filename="../../qt/views/basket_panel.py" line="27"/>
        <location filename="../../qt/views/basket_panel.py" line="54"/>
        <source>SKU</source>
        <translation>Artikelnr</translation>
    </message>
    <message>
        <location filename="../../qt/views/basket_panel.py" line="27"/>
        <source>Article</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <location filename="../../qt/views/basket_panel.py" line="28"/>
        <source>Qty</source>
        <translation>Antal</translation>
    </message>
    <message>
        <location filename="../../qt/views/basket_panel.py" line="28"/>
        <source>Unit price</source>
        <translation>Styckpris</translation>
    </message>
    <message>
        <location filename="../../qt/views/basket_panel.py" line="29"/>
        <location filename="../../qt/views/basket_panel.py" line="108"/>
        <source>Discount</source>
        <translation>Rabatt</translation>
    </message>
    <message>
        <location filename="../../qt/views/basket_panel.py" line="29"/>
        <source>Line total</source>
        <translation>Radsumma</translation>
    </message>
    <message>
        <location filename="../../qt/views/basket_panel.py" line="34"/>
        <source>Gift voucher</source>
        <translation>Presentkort</translation>
    </message>
    <message>
        <location filename="../../qt/views/basket_panel.py" line="55"/>
        <source>Article number</source>
        <translation>Artikelnummer</translation>
    </message>
    <message>
        <location filename="../../qt/views/basket_panel.py" line="57"/>
        <location filename="../../qt/views/basket_panel.py" line="58"/>
        <source>Article name</source>
        <translation>Artikelnamn</translation>
    </message>
    <message>
        <location filename="../../qt/views/basket_panel.py" line="62"/>
        <source>Quantity (negative for a return)</source>
        <translation>Antal (negativt för retur)</translation>
    </message>
    <message>
        <location filename="../../qt/views/basket_panel.py" line="64"/>
        <source>Price</source>
        <translation>Pris</translation>
    </message>
    <message>
        <location filename="../../qt/views/basket_panel.py" line="65"/>
        <source>Unit price including VAT</source>
        <translation>Styckpris inklusive moms</translation>
    </message>
    <message>
        <location filename="../../qt/views/basket_panel.py" line="66"/>
        <source>Add</source>
        <translation>Lägg till</translation>
    </message>
    <message>
        <location filename="../../qt/views/basket_panel.py" line="67"/>
        <source>Add line</source>
        <translation>Lägg till rad</translation>
    </message>
    <message>
        <location filename="../../qt/views/basket_panel.py" line="76"/>
        <source>Basket</source>
        <translation>Varukorg</translation>
    </message>
    <message>
        <location filename="../../qt/views/basket_panel.py" line="192"/>
        <source>Paid: {0}  ·  Remaining {1} {2}</source>
        <translation>Betalt: {0}  ·  Återstår {1} {2}</translation>
    </message>
    <message>
        <location filename="../../qt/views/basket_panel.py" line="91"/>
        <source>Amount paid by this method</source>
        <translation>Belopp som betalas på detta sätt</translation>
    </message>
    <message>
        <location filename="../../qt/views/basket_panel.py" line="92"/>
        <source>Take part payment  (F8)</source>
        <translation>Ta delbetalning  (F8)</translation>
    </message>
    <message>
        <location filename="../../qt/views/basket_panel.py" line="93"/>
        <source>Take part payment</source>
        <translation>Ta delbetalning</translation>
    </message>
    <message>
        <location filename="../../qt/views/basket_panel.py" line="94"/>
        <location filename="../../qt/views/basket_panel.py" line="95"/>
        <source>Clear payments</source>
        <translation>Rensa betalningar</translation>
    </message>
    <message>
        <location filename="../../qt/views/basket_panel.py" line="98"/>
        <source>Payments</source>
        <translation>Betalningar</translation>
    </message>
    <message>
        <location filename="../../qt/views/basket_panel.py" line="111"/>
        <source>Total</source>
        <translation>Summa</translation>
    </message>
    <message>
        <location filename="../../qt/views/basket_panel.py" line="32"/>
        <source>Card</source>
        <translation>Kort</translation>
    </message>
    <message>
        <location filename="../../qt/views/basket_panel.py" line="32"/>
        <source>Cash</source>
        <translation>Kontant</translation>
    </message>
    <message>
        <location filename="../../qt/views/basket_panel.py" line="33"/>
        <source>Swish</source>
        <translation>Swish</translation>
    </message>
    <message>
        <location filename="../../qt/views/basket_panel.py" line="87"/>
        <source>Payment method</source>
        <translation>Betalsätt</translation>
    </message>
    <message>
        <location filename="../../qt/views/basket_panel.py" line="89"/>
        <source>Amount</source>
        <translation>Belopp</translation>
    </message>
    <message>
        <location filename="../../qt/views/basket_panel.py" line="90"/>
        <source>Leave empty to pay all that remains</source>
        <translation>Lämna tomt för att betala allt som återstår</translation>
    </message>
    <message>
        <location filename="../../qt/views/basket_panel.py" line="112"/>
        <source>Finish sale  (F9)</source>
        <translation>Avsluta köp  (F9)</translation>
    </message>
    <message>
        <location filename="../../qt/views/basket_panel.py" line="114"/>
        <source>Finish sale</source>
        <translation>Avsluta köp</translation>
    </message>
    <message>
        <location filename="../../qt/views/basket_panel.py" line="122"/>
        <source>Last sale</source>
        <translation>Senaste köp</translation>
    </message>
    <message>
        <location filename="../../qt/views/basket_panel.py" line="141"/>
        <source>The price is not a number</source>
        <translation>Priset är inte ett tal</translation>
    </message>
    <message>
        <location filename="../../qt/views/basket_panel.py" line="160"/>
        <source>The amount is not a number</source>
        <translation>Beloppet är inte ett tal</translation>
    </message>
    <message>
        <location filename="../../qt/views/basket_panel.py" line="185"/>
        <source>Discounts: {0}</source>
        <translation>Rabatter: {0}</translation>
    </message>
    <message>
        <location filename="../../qt/views/basket_panel.py" line="186"/>
        <source>Total {0} {1}</source>
        <translation>Summa {0} {1}</translation>
    </message>
</context>
<context>
    <name>CustomerPanel</name>
    <message>
        <location filename="../../qt/views/customer_panel.py" line="86"/>
        <source>Scan card, or type email or mobile</source>
        <translation>Skanna kort, eller skriv e-post eller mobil</translation>
    </message>
    <message>
        <location filename="../../qt/views/customer_panel.py" line="87"/>
        <source>Customer card, email or mobile</source>
        <translation>Kundkort, e-post eller mobil</translation>
    </message>
    <message>
        <location filename="../../qt/views/customer_panel.py" line="90"/>
        <source>Find</source>
        <translation>Sök</translation>
    </message>
    <message>
        <location filename="../../qt/views/customer_panel.py" line="91"/>
        <source>Find customer</source>
        <translation>Hitta kund</translation>
    </message>
    <message>
        <location filename="../../qt/views/customer_panel.py" line="99"/>
        <source>Customer message</source>
        <translation>Meddelande om kunden</translation>
    </message>
    <message>
        <location filename="../../qt/views/customer_panel.py" line="101"/>
        <source>Register new customer  (F3)</source>
        <translation>Registrera ny kund  (F3)</translation>
    </message>
    <message>
        <location filename="../../qt/views/customer_panel.py" line="102"/>
        <source>Register new customer</source>
        <translation>Registrera ny kund</translation>
    </message>
    <message>
        <location filename="../../qt/views/customer_panel.py" line="106"/>
        <source>Customer</source>
        <translation>Kund</translation>
    </message>
    <message>
        <location filename="../../qt/views/customer_panel.py" line="108"/>
        <location filename="../../qt/views/customer_panel.py" line="231"/>
        <source>No customer</source>
        <translation>Ingen kund</translation>
    </message>
    <message>
        <location filename="../../qt/views/customer_panel.py" line="110"/>
        <source>Customer name</source>
        <translation>Kundens namn</translation>
    </message>
    <message>
        <location filename="../../qt/views/customer_panel.py" line="114"/>
        <source>Customer details</source>
        <translation>Kunduppgifter</translation>
    </message>
    <message>
        <location filename="../../qt/views/customer_panel.py" line="118"/>
        <source>Edit details</source>
        <translation>Ändra uppgifter</translation>
    </message>
    <message>
        <location filename="../../qt/views/customer_panel.py" line="119"/>
        <source>Edit customer details</source>
        <translation>Ändra kunduppgifter</translation>
    </message>
    <message>
        <location filename="../../qt/views/customer_panel.py" line="120"/>
        <source>Make member</source>
        <translation>Gör till medlem</translation>
    </message>
    <message>
        <location filename="../../qt/views/customer_panel.py" line="121"/>
        <source>Upgrade to member</source>
        <translation>Uppgradera till medlem</translation>
    </message>
    <message>
        <location filename="../../qt/views/customer_panel.py" line="132"/>
        <source>Promotions and vouchers  (F4, Space to apply)</source>
        <translation>Erbjudanden och värdecheckar  (F4, mellanslag väljer)</translation>
    </message>
    <message>
        <location filename="../../qt/views/customer_panel.py" line="137"/>
        <source>Promotions and vouchers</source>
        <translation>Erbjudanden och värdecheckar</translation>
    </message>
    <message>
        <location filename="../../qt/views/customer_panel.py" line="174"/>
        <source>No customer found. Register them?</source>
        <translation>Ingen kund hittades. Registrera kunden?</translation>
    </message>
    <message>
        <location filename="../../qt/views/customer_panel.py" line="191"/>
        <source>Member</source>
        <translation>Medlem</translation>
    </message>
    <message>
        <location filename="../../qt/views/customer_panel.py" line="191"/>
        <source>Contact (not a member)</source>
        <translation>Kontakt (inte medlem)</translation>
    </message>
    <message>
        <location filename="../../qt/views/customer_panel.py" line="195"/>
        <source>Member number</source>
        <translation>Medlemsnummer</translation>
    </message>
    <message>
        <location filename="../../qt/views/customer_panel.py" line="196"/>
        <source>promotion</source>
        <translation>erbjudande</translation>
    </message>
    <message>
        <location filename="../../qt/views/customer_panel.py" line="196"/>
        <source>promotions</source>
        <translation>erbjudanden</translation>
    </message>
    <message>
        <location filename="../../qt/views/customer_panel.py" line="197"/>
        <source>voucher</source>
        <translation>värdecheck</translation>
    </message>
    <message>
        <location filename="../../qt/views/customer_panel.py" line="197"/>
        <source>vouchers</source>
        <translation>värdecheckar</translation>
    </message>
    <message>
        <location filename="../../qt/views/customer_panel.py" line="201"/>
        <source>registered offline, </source>
        <translation>registrerad offline, </translation>
    </message>
    <message>
        <location filename="../../qt/views/customer_panel.py" line="202"/>
        <source>email</source>
        <translation>e-post</translation>
    </message>
    <message>
        <location filename="../../qt/views/customer_panel.py" line="202"/>
        <source>mobile</source>
        <translation>mobil</translation>
    </message>
    <message>
        <location filename="../../qt/views/customer_panel.py" line="203"/>
        <source>card</source>
        <translation>kort</translation>
    </message>
    <message>
        <location filename="../../qt/views/customer_panel.py" line="204"/>
        <source>Offline: will be matched later</source>
        <translation>Offline: matchas senare</translation>
    </message>
    <message>
        <location filename="../../qt/views/customer_panel.py" line="222"/>
        <source>Promotions as of less than a minute ago</source>
        <translation>Erbjudanden från för mindre än en minut sedan</translation>
    </message>
    <message>
        <location filename="../../qt/views/customer_panel.py" line="223"/>
        <source>Promotions as of {0} min ago</source>
        <translation>Erbjudanden från för {0} min sedan</translation>
    </message>
</context>
<context>
    <name>JournalModel</name>
    <message>
        <location filename="../../qt/models/journal_model.py" line="15"/>
        <source>Entry</source>
        <translation>Post</translation>
    </message>
    <message>
        <location filename="../../qt/models/journal_model.py" line="15"/>
        <source>Created</source>
        <translation>Skapad</translation>
    </message>
    <message>
        <location filename="../../qt/models/journal_model.py" line="16"/>
        <source>Kind</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location filename="../../qt/models/journal_model.py" line="16"/>
        <source>Customer</source>
        <translation>Kund</translation>
    </message>
    <message>
        <location filename="../../qt/models/journal_model.py" line="17"/>
        <source>Amount</source>
        <translation>Belopp</translation>
    </message>
    <message>
        <location filename="../../qt/models/journal_model.py" line="17"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../qt/models/journal_model.py" line="18"/>
        <source>Attempts</source>
        <translation>Försök</translation>
    </message>
    <message>
        <location filename="../../qt/models/journal_model.py" line="18"/>
        <source>Next try</source>
        <translation>Nästa försök</translation>
    </message>
    <message>
        <location filename="../../qt/models/journal_model.py" line="19"/>
        <source>What to do</source>
        <translation>Vad göra</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../qt/views/main_window.py" line="73"/>
        <source>pos-engage: till companion</source>
        <translation>pos-engage: kassastöd</translation>
    </message>
    <message>
        <location filename="../../qt/views/main_window.py" line="77"/>
        <source>DEMO: embedded Engage simulator with demo data. Nothing reaches a real Engage.</source>
        <translation>DEMO: inbyggd Engage-simulator med demodata. Inget når ett riktigt Engage.</translation>
    </message>
    <message>
        <location filename="../../qt/views/main_window.py" line="79"/>
        <source>Demo mode</source>
        <translation>Demoläge</translation>
    </message>
    <message>
        <location filename="../../qt/views/main_window.py" line="109"/>
        <source>Engage connection</source>
        <translation>Anslutning till Engage</translation>
    </message>
    <message>
        <location filename="../../qt/views/main_window.py" line="111"/>
        <location filename="../../qt/views/main_window.py" line="148"/>
        <source>Offline queue</source>
        <translation>Offlinekö</translation>
    </message>
    <message>
        <location filename="../../qt/views/main_window.py" line="113"/>
        <source>Needs attention</source>
        <translation>Behöver åtgärd</translation>
    </message>
    <message>
        <location filename="../../qt/views/main_window.py" line="129"/>
        <source>&amp;Sale</source>
        <translation>&amp;Försäljning</translation>
    </message>
    <message>
        <location filename="../../qt/views/main_window.py" line="35"/>
        <location filename="../../qt/views/main_window.py" line="130"/>
        <source>Find customer</source>
        <translation>Hitta kund</translation>
    </message>
    <message>
        <location filename="../../qt/views/main_window.py" line="34"/>
        <source>Help: this list</source>
        <translation>Hjälp: den här listan</translation>
    </message>
    <message>
        <location filename="../../qt/views/main_window.py" line="36"/>
        <location filename="../../qt/views/main_window.py" line="131"/>
        <source>Register new customer</source>
        <translation>Registrera ny kund</translation>
    </message>
    <message>
        <location filename="../../qt/views/main_window.py" line="37"/>
        <location filename="../../qt/views/main_window.py" line="133"/>
        <source>Promotions and vouchers</source>
        <translation>Erbjudanden och värdecheckar</translation>
    </message>
    <message>
        <location filename="../../qt/views/main_window.py" line="38"/>
        <location filename="../../qt/views/main_window.py" line="134"/>
        <source>Add an article</source>
        <translation>Lägg till en artikel</translation>
    </message>
    <message>
        <location filename="../../qt/views/main_window.py" line="39"/>
        <source>Orders: the customer's orders, a new order from the basket</source>
        <translation>Ordrar: kundens ordrar, en ny order från korgen</translation>
    </message>
    <message>
        <location filename="../../qt/views/main_window.py" line="40"/>
        <source>Take part of the payment (split payment)</source>
        <translation>Ta en del av betalningen (delad betalning)</translation>
    </message>
    <message>
        <location filename="../../qt/views/main_window.py" line="41"/>
        <source>Finish the sale: what remains is paid by the chosen method</source>
        <translation>Avsluta köpet: det som återstår betalas med valt sätt</translation>
    </message>
    <message>
        <location filename="../../qt/views/main_window.py" line="42"/>
        <source>New sale (voids this one)</source>
        <translation>Nytt köp (makulerar detta)</translation>
    </message>
    <message>
        <location filename="../../qt/views/main_window.py" line="43"/>
        <source>Apply / remove the selected promotion</source>
        <translation>Använd / ta bort valt erbjudande</translation>
    </message>
    <message>
        <location filename="../../qt/views/main_window.py" line="44"/>
        <source>Remove the selected basket line</source>
        <translation>Ta bort vald rad i varukorgen</translation>
    </message>
    <message>
        <location filename="../../qt/views/main_window.py" line="47"/>
        <source>Engage online</source>
        <translation>Engage ansluten</translation>
    </message>
    <message>
        <location filename="../../qt/views/main_window.py" line="48"/>
        <source>Engage slow</source>
        <translation>Engage långsamt</translation>
    </message>
    <message>
        <location filename="../../qt/views/main_window.py" line="49"/>
        <source>Engage offline: sales are saved and sent later</source>
        <translation>Engage offline: köp sparas och skickas senare</translation>
    </message>
    <message>
        <location filename="../../qt/views/main_window.py" line="95"/>
        <source>Starting…</source>
        <translation>Startar…</translation>
    </message>
    <message>
        <location filename="../../qt/views/main_window.py" line="135"/>
        <source>Orders…</source>
        <translation>Ordrar…</translation>
    </message>
    <message>
        <location filename="../../qt/views/main_window.py" line="136"/>
        <source>Take part payment</source>
        <translation>Ta delbetalning</translation>
    </message>
    <message>
        <location filename="../../qt/views/main_window.py" line="137"/>
        <source>Finish sale</source>
        <translation>Avsluta köp</translation>
    </message>
    <message>
        <location filename="../../qt/views/main_window.py" line="138"/>
        <source>New sale</source>
        <translation>Nytt köp</translation>
    </message>
    <message>
        <location filename="../../qt/views/main_window.py" line="140"/>
        <source>Quit</source>
        <translation>Avsluta</translation>
    </message>
    <message>
        <location filename="../../qt/views/main_window.py" line="142"/>
        <source>&amp;Demo</source>
        <translation>&amp;Demo</translation>
    </message>
    <message>
        <location filename="../../qt/views/main_window.py" line="143"/>
        <source>Simulate Engage outage</source>
        <translation>Simulera avbrott i Engage</translation>
    </message>
    <message>
        <location filename="../../qt/views/main_window.py" line="147"/>
        <source>&amp;Manager</source>
        <translation>&amp;Butikschef</translation>
    </message>
    <message>
        <location filename="../../qt/views/main_window.py" line="149"/>
        <source>Settings</source>
        <translation>Inställningar</translation>
    </message>
    <message>
        <location filename="../../qt/views/main_window.py" line="150"/>
        <source>&amp;Help</source>
        <translation>&amp;Hjälp</translation>
    </message>
    <message>
        <location filename="../../qt/views/main_window.py" line="151"/>
        <location filename="../../qt/views/main_window.py" line="295"/>
        <location filename="../../qt/views/main_window.py" line="297"/>
        <source>Keyboard shortcuts</source>
        <translation>Kortkommandon</translation>
    </message>
    <message>
        <location filename="../../qt/views/window_orders.py" line="12"/>
        <source>Orders are not available on this till</source>
        <translation>Ordrar finns inte på den här kassan</translation>
    </message>
    <message>
        <location filename="../../qt/views/window_orders.py" line="13"/>
        <source>The basket is empty: add what the customer orders first</source>
        <translation>Korgen är tom: lägg först till det kunden beställer</translation>
    </message>
    <message>
        <location filename="../../qt/views/window_orders.py" line="14"/>
        <source>Order {0} saved; sending to Engage…</source>
        <translation>Order {0} sparad; skickas till Engage…</translation>
    </message>
    <message>
        <location filename="../../qt/views/window_orders.py" line="15"/>
        <source>✔ Order {0}: sent to Engage</source>
        <translation>✔ Order {0}: skickad till Engage</translation>
    </message>
    <message>
        <location filename="../../qt/views/window_orders.py" line="16"/>
        <source>↻ Order {0}: queued, will be sent when Engage answers</source>
        <translation>↻ Order {0}: i kö, skickas när Engage svarar</translation>
    </message>
    <message>
        <location filename="../../qt/views/window_orders.py" line="17"/>
        <source>⚠ Order {0}: Engage did not take it; the manager sees why in the queue</source>
        <translation>⚠ Order {0}: Engage tog inte emot den; butikschefen ser varför i kön</translation>
    </message>
    <message>
        <location filename="../../qt/views/main_window.py" line="285"/>
        <source>Settings saved: they take effect when pos-engage starts again</source>
        <translation>Inställningarna sparade: de gäller när pos-engage startas igen</translation>
    </message>
    <message>
        <location filename="../../qt/views/main_window.py" line="328"/>
        <source>Sale {0} saved ({1}); sending to Engage…</source>
        <translation>Köp {0} sparat ({1}); skickas till Engage…</translation>
    </message>
    <message>
        <location filename="../../qt/views/main_window.py" line="332"/>
        <source>Give back {0} in change</source>
        <translation>Ge tillbaka {0} i växel</translation>
    </message>
    <message>
        <location filename="../../qt/views/main_window.py" line="335"/>
        <source>✔ Sale {0}: sent to Engage</source>
        <translation>✔ Köp {0}: skickat till Engage</translation>
    </message>
    <message>
        <location filename="../../qt/views/main_window.py" line="336"/>
        <source>↻ Sale {0}: queued, will be sent when Engage answers</source>
        <translation>↻ Köp {0}: i kö, skickas när Engage svarar</translation>
    </message>
    <message>
        <location filename="../../qt/views/main_window.py" line="351"/>
        <source>Queue: {0} waiting, oldest {1}</source>
        <translation>Kö: {0} väntar, äldsta {1}</translation>
    </message>
    <message>
        <location filename="../../qt/views/main_window.py" line="354"/>
        <source>Queue: empty</source>
        <translation>Kö: tom</translation>
    </message>
    <message>
        <location filename="../../qt/views/main_window.py" line="357"/>
        <source>⚠ {0} need attention, {1} conflicts: tell the manager</source>
        <translation>⚠ {0} behöver åtgärd, {1} konflikter: säg till butikschefen</translation>
    </message>
    <message>
        <location filename="../../qt/views/main_window.py" line="361"/>
        <source>Working…</source>
        <translation>Arbetar…</translation>
    </message>
</context>
<context>
    <name>OrderForm</name>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="61"/>
        <source>Pickup in store</source>
        <translation>Hämtas i butik</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="62"/>
        <source>Home delivery</source>
        <translation>Hemleverans</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="70"/>
        <source>New order from the basket</source>
        <translation>Ny order från korgen</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="73"/>
        <source>First name</source>
        <translation>Förnamn</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="73"/>
        <source>Last name</source>
        <translation>Efternamn</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="74"/>
        <source>Email</source>
        <translation>E-post</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="74"/>
        <source>Mobile</source>
        <translation>Mobil</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="75"/>
        <source>Street</source>
        <translation>Gatuadress</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="75"/>
        <source>Postcode</source>
        <translation>Postnummer</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="75"/>
        <source>City</source>
        <translation>Ort</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="84"/>
        <location filename="../../qt/views/orders_panel.py" line="85"/>
        <source>Delivery</source>
        <translation>Leverans</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="89"/>
        <source>What to correct</source>
        <translation>Det här behöver rättas</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="92"/>
        <source>Create order</source>
        <translation>Skapa order</translation>
    </message>
</context>
<context>
    <name>OrdersPanel</name>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="34"/>
        <source>Created</source>
        <translation>Skapad</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="35"/>
        <location filename="../../qt/views/orders_panel.py" line="54"/>
        <source>In progress</source>
        <translation>Behandlas</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="36"/>
        <location filename="../../qt/views/orders_panel.py" line="55"/>
        <source>Ready for pickup</source>
        <translation>Klar att hämta</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="37"/>
        <location filename="../../qt/views/orders_panel.py" line="56"/>
        <source>Shipped</source>
        <translation>Skickad</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="38"/>
        <location filename="../../qt/views/orders_panel.py" line="57"/>
        <source>Delivered</source>
        <translation>Levererad</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="39"/>
        <source>Cancelled</source>
        <translation>Avbruten</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="40"/>
        <source>Partly returned</source>
        <translation>Delvis returnerad</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="41"/>
        <location filename="../../qt/views/orders_panel.py" line="161"/>
        <source>Returned</source>
        <translation>Returnerad</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="45"/>
        <source>✔ sent</source>
        <translation>✔ skickad</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="46"/>
        <source>↻ queued</source>
        <translation>↻ i kö</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="47"/>
        <source>⚠ needs attention</source>
        <translation>⚠ behöver åtgärd</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="48"/>
        <source>⚠ conflict</source>
        <translation>⚠ konflikt</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="49"/>
        <source>✔ sent by file</source>
        <translation>✔ skickad som fil</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="50"/>
        <source>– closed by the manager</source>
        <translation>– avslutad av butikschefen</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="58"/>
        <source>Cancel order</source>
        <translation>Avbryt order</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="116"/>
        <source>Order</source>
        <translation>Order</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="116"/>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="117"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="117"/>
        <source>Total</source>
        <translation>Summa</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="118"/>
        <source>Engage</source>
        <translation>Engage</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="118"/>
        <source>Marketing platform</source>
        <translation>Marknadsplattform</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="122"/>
        <source>Orders</source>
        <translation>Ordrar</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="127"/>
        <source>Orders of</source>
        <translation>Ordrar för</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="131"/>
        <source>New order from the basket</source>
        <translation>Ny order från korgen</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="132"/>
        <source>Refresh</source>
        <translation>Uppdatera</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="141"/>
        <source>The customer's orders</source>
        <translation>Kundens ordrar</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="154"/>
        <source>Mark the order: {0}</source>
        <translation>Markera ordern: {0}</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="161"/>
        <source>Article</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="161"/>
        <source>Ordered</source>
        <translation>Beställt</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="162"/>
        <source>Return now</source>
        <translation>Returnera nu</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="163"/>
        <source>Lines of the selected order</source>
        <translation>Rader i vald order</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="169"/>
        <source>Return the chosen quantities</source>
        <translation>Returnera valda antal</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="175"/>
        <source>Order status detail</source>
        <translation>Orderstatus i detalj</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="187"/>
        <source>Orders of {0}</source>
        <translation>Ordrar för {0}</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="188"/>
        <source>No customer identified: a new order asks who it is for</source>
        <translation>Ingen kund identifierad: en ny order frågar vem den gäller</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="199"/>
        <source>in Engage (web shop)</source>
        <translation>i Engage (webbutik)</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="243"/>
        <source>Return now: {0}</source>
        <translation>Returnera nu: {0}</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="251"/>
        <source>Placed elsewhere (e.g. the web shop); a change here takes it over at this till.</source>
        <translation>Lagd någon annanstans (t.ex. webbutiken); en ändring här tar över den på den här kassan.</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="255"/>
        <source>Change {0}: Engage {1}</source>
        <translation>Ändring {0}: Engage {1}</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="259"/>
        <source>marketing platform {0}</source>
        <translation>marknadsplattform {0}</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="264"/>
        <source>… and {0} earlier changes</source>
        <translation>… och {0} tidigare ändringar</translation>
    </message>
</context>
<context>
    <name>QueueView</name>
    <message>
        <location filename="../../qt/views/queue_view.py" line="38"/>
        <source>All</source>
        <translation>Alla</translation>
    </message>
    <message>
        <location filename="../../qt/views/queue_view.py" line="39"/>
        <source>Needs attention or conflict</source>
        <translation>Behöver åtgärd eller konflikt</translation>
    </message>
    <message>
        <location filename="../../qt/views/queue_view.py" line="41"/>
        <source>Waiting to be sent</source>
        <translation>Väntar på att skickas</translation>
    </message>
    <message>
        <location filename="../../qt/views/queue_view.py" line="43"/>
        <source>Sent</source>
        <translation>Skickade</translation>
    </message>
    <message>
        <location filename="../../qt/views/queue_view.py" line="44"/>
        <source>Exported to a file</source>
        <translation>Exporterade till fil</translation>
    </message>
    <message>
        <location filename="../../qt/views/queue_view.py" line="45"/>
        <source>Resolved</source>
        <translation>Avslutade</translation>
    </message>
    <message>
        <location filename="../../qt/views/queue_view.py" line="81"/>
        <source>Offline queue</source>
        <translation>Offlinekö</translation>
    </message>
    <message>
        <location filename="../../qt/views/queue_view.py" line="94"/>
        <source>Show entries</source>
        <translation>Visa poster</translation>
    </message>
    <message>
        <location filename="../../qt/views/queue_view.py" line="98"/>
        <source>Kind of entry</source>
        <translation>Typ av post</translation>
    </message>
    <message>
        <location filename="../../qt/views/queue_view.py" line="99"/>
        <source>Every kind</source>
        <translation>Alla typer</translation>
    </message>
    <message>
        <location filename="../../qt/views/queue_view.py" line="108"/>
        <source>Queue summary</source>
        <translation>Sammanfattning av kön</translation>
    </message>
    <message>
        <location filename="../../qt/views/queue_view.py" line="114"/>
        <source>Journal entries</source>
        <translation>Poster i journalen</translation>
    </message>
    <message>
        <location filename="../../qt/views/queue_view.py" line="122"/>
        <source>Entry details</source>
        <translation>Postens detaljer</translation>
    </message>
    <message>
        <location filename="../../qt/views/queue_view.py" line="128"/>
        <source>Retry now</source>
        <translation>Försök igen nu</translation>
    </message>
    <message>
        <location filename="../../qt/views/queue_view.py" line="129"/>
        <source>Resolve…</source>
        <translation>Avsluta…</translation>
    </message>
    <message>
        <location filename="../../qt/views/queue_view.py" line="130"/>
        <source>Show personal data</source>
        <translation>Visa personuppgifter</translation>
    </message>
    <message>
        <location filename="../../qt/views/queue_view.py" line="131"/>
        <source>Export queue to files</source>
        <translation>Exportera kön till filer</translation>
    </message>
    <message>
        <location filename="../../qt/views/queue_view.py" line="132"/>
        <source>Export selected</source>
        <translation>Exportera vald</translation>
    </message>
    <message>
        <location filename="../../qt/views/queue_view.py" line="133"/>
        <source>Correct registration…</source>
        <translation>Rätta registreringen…</translation>
    </message>
    <message>
        <location filename="../../qt/views/queue_view.py" line="134"/>
        <source>Send all now</source>
        <translation>Skicka allt nu</translation>
    </message>
    <message>
        <location filename="../../qt/views/queue_view.py" line="135"/>
        <source>Upload files</source>
        <translation>Ladda upp filer</translation>
    </message>
    <message>
        <location filename="../../qt/views/queue_view.py" line="136"/>
        <source>Stop</source>
        <translation>Stoppa</translation>
    </message>
    <message>
        <location filename="../../qt/views/queue_view.py" line="150"/>
        <source>Result</source>
        <translation>Resultat</translation>
    </message>
    <message>
        <location filename="../../qt/views/queue_view.py" line="192"/>
        <source>{0} waiting{1} · {2} need attention · {3} conflicts · {4} exported</source>
        <translation>{0} väntar{1} · {2} behöver åtgärd · {3} konflikter · {4} exporterade</translation>
    </message>
    <message>
        <location filename="../../qt/views/queue_view.py" line="219"/>
        <source>Attempts:</source>
        <translation>Försök:</translation>
    </message>
    <message>
        <location filename="../../qt/views/queue_view.py" line="219"/>
        <source>Audit:</source>
        <translation>Logg över åtgärder:</translation>
    </message>
    <message>
        <location filename="../../qt/views/queue_view.py" line="243"/>
        <source>Entry {0} will be sent again</source>
        <translation>Post {0} skickas igen</translation>
    </message>
    <message>
        <location filename="../../qt/views/queue_view.py" line="257"/>
        <source>Entry {0} closed: {1}</source>
        <translation>Post {0} avslutad: {1}</translation>
    </message>
    <message>
        <location filename="../../qt/views/queue_view.py" line="265"/>
        <source>Personal data shown until this window closes</source>
        <translation>Personuppgifter visas tills fönstret stängs</translation>
    </message>
    <message>
        <location filename="../../qt/views/queue_view.py" line="277"/>
        <source>Only a registration can be corrected</source>
        <translation>Bara en registrering kan rättas</translation>
    </message>
    <message>
        <location filename="../../qt/views/queue_view.py" line="285"/>
        <source>Registration {0} corrected; it will be sent again</source>
        <translation>Registrering {0} rättad; den skickas igen</translation>
    </message>
    <message>
        <location filename="../../qt/views/queue_view.py" line="293"/>
        <source>Sending…</source>
        <translation>Skickar…</translation>
    </message>
    <message>
        <location filename="../../qt/views/queue_view.py" line="301"/>
        <source>Uploading…</source>
        <translation>Laddar upp…</translation>
    </message>
    <message>
        <location filename="../../qt/views/queue_view.py" line="306"/>
        <source>{0} sent, {1} still waiting…</source>
        <translation>{0} skickade, {1} väntar fortfarande…</translation>
    </message>
    <message>
        <location filename="../../qt/views/queue_view.py" line="309"/>
        <source>File {0} of {1}…</source>
        <translation>Fil {0} av {1}…</translation>
    </message>
    <message>
        <location filename="../../qt/views/queue_view.py" line="343"/>
        <source>Exporting…</source>
        <translation>Exporterar…</translation>
    </message>
</context>
<context>
    <name>RegisterDialog</name>
    <message>
        <location filename="../../qt/views/register_dialog.py" line="32"/>
        <source>Edit customer details</source>
        <translation>Ändra kunduppgifter</translation>
    </message>
    <message>
        <location filename="../../qt/views/register_dialog.py" line="32"/>
        <source>Register new customer</source>
        <translation>Registrera ny kund</translation>
    </message>
    <message>
        <location filename="../../qt/views/register_dialog.py" line="36"/>
        <source>First name</source>
        <translation>Förnamn</translation>
    </message>
    <message>
        <location filename="../../qt/views/register_dialog.py" line="36"/>
        <source>Last name</source>
        <translation>Efternamn</translation>
    </message>
    <message>
        <location filename="../../qt/views/register_dialog.py" line="37"/>
        <source>Email</source>
        <translation>E-post</translation>
    </message>
    <message>
        <location filename="../../qt/views/register_dialog.py" line="37"/>
        <source>Mobile</source>
        <translation>Mobil</translation>
    </message>
    <message>
        <location filename="../../qt/views/register_dialog.py" line="37"/>
        <source>Postcode</source>
        <translation>Postnummer</translation>
    </message>
    <message>
        <location filename="../../qt/views/register_dialog.py" line="47"/>
        <source>error</source>
        <translation>fel</translation>
    </message>
    <message>
        <location filename="../../qt/views/register_dialog.py" line="53"/>
        <source>The customer wants offers by email</source>
        <translation>Kunden vill ha erbjudanden via e-post</translation>
    </message>
    <message>
        <location filename="../../qt/views/register_dialog.py" line="54"/>
        <source>The customer wants offers by SMS</source>
        <translation>Kunden vill ha erbjudanden via sms</translation>
    </message>
    <message>
        <location filename="../../qt/views/register_dialog.py" line="65"/>
        <source>Save</source>
        <translation>Spara</translation>
    </message>
    <message>
        <location filename="../../qt/views/register_dialog.py" line="65"/>
        <source>Register</source>
        <translation>Registrera</translation>
    </message>
    <message>
        <location filename="../../qt/views/register_dialog.py" line="92"/>
        <source>Not a valid email address</source>
        <translation>Ingen giltig e-postadress</translation>
    </message>
    <message>
        <location filename="../../qt/views/register_dialog.py" line="94"/>
        <source>Not a valid mobile number (like 070 123 45 67)</source>
        <translation>Inget giltigt mobilnummer (som 070 123 45 67)</translation>
    </message>
    <message>
        <location filename="../../qt/views/register_dialog.py" line="96"/>
        <source>An email address or a mobile number is needed</source>
        <translation>En e-postadress eller ett mobilnummer behövs</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../qt/views/settings_dialog.py" line="33"/>
        <source>Settings</source>
        <translation>Inställningar</translation>
    </message>
    <message>
        <location filename="../../qt/views/settings_dialog.py" line="44"/>
        <source>unchanged</source>
        <translation>oförändrad</translation>
    </message>
    <message>
        <location filename="../../qt/views/settings_dialog.py" line="49"/>
        <source>Engage address</source>
        <translation>Engage-adress</translation>
    </message>
    <message>
        <location filename="../../qt/views/settings_dialog.py" line="50"/>
        <source>API key</source>
        <translation>API-nyckel</translation>
    </message>
    <message>
        <location filename="../../qt/views/settings_dialog.py" line="51"/>
        <source>Store external id</source>
        <translation>Butikens externa id</translation>
    </message>
    <message>
        <location filename="../../qt/views/settings_dialog.py" line="52"/>
        <source>Till id</source>
        <translation>Kassans id</translation>
    </message>
    <message>
        <location filename="../../qt/views/settings_dialog.py" line="53"/>
        <source>Card number patterns</source>
        <translation>Mönster för kortnummer</translation>
    </message>
    <message>
        <location filename="../../qt/views/settings_dialog.py" line="54"/>
        <source>Default country code</source>
        <translation>Landsnummer</translation>
    </message>
    <message>
        <location filename="../../qt/views/settings_dialog.py" line="56"/>
        <location filename="../../qt/views/settings_dialog.py" line="60"/>
        <source>Language</source>
        <translation>Språk</translation>
    </message>
    <message>
        <location filename="../../qt/views/settings_dialog.py" line="57"/>
        <source>The computer's</source>
        <translation>Datorns</translation>
    </message>
    <message>
        <location filename="../../qt/views/settings_dialog.py" line="62"/>
        <source>Promotions while Engage is offline</source>
        <translation>Erbjudanden när Engage är offline</translation>
    </message>
    <message>
        <location filename="../../qt/views/settings_dialog.py" line="63"/>
        <source>Allow up to an amount</source>
        <translation>Tillåt upp till ett belopp</translation>
    </message>
    <message>
        <location filename="../../qt/views/settings_dialog.py" line="63"/>
        <source>Allow</source>
        <translation>Tillåt</translation>
    </message>
    <message>
        <location filename="../../qt/views/settings_dialog.py" line="63"/>
        <source>Do not allow</source>
        <translation>Tillåt inte</translation>
    </message>
    <message>
        <location filename="../../qt/views/settings_dialog.py" line="67"/>
        <source>Promotions while offline</source>
        <translation>Erbjudanden offline</translation>
    </message>
    <message>
        <location filename="../../qt/views/settings_dialog.py" line="71"/>
        <source>Largest discount while offline</source>
        <translation>Största rabatt offline</translation>
    </message>
    <message>
        <location filename="../../qt/views/settings_dialog.py" line="72"/>
        <source>Largest discount offline</source>
        <translation>Största rabatt offline</translation>
    </message>
    <message>
        <location filename="../../qt/views/settings_dialog.py" line="73"/>
        <source>File server</source>
        <translation>Filserver</translation>
    </message>
    <message>
        <location filename="../../qt/views/settings_dialog.py" line="77"/>
        <location filename="../../qt/views/settings_dialog.py" line="78"/>
        <source>File server port</source>
        <translation>Filserverns port</translation>
    </message>
    <message>
        <location filename="../../qt/views/settings_dialog.py" line="79"/>
        <source>File server user</source>
        <translation>Filserverns användare</translation>
    </message>
    <message>
        <location filename="../../qt/views/settings_dialog.py" line="80"/>
        <source>Transactions folder</source>
        <translation>Mapp för transaktioner</translation>
    </message>
    <message>
        <location filename="../../qt/views/settings_dialog.py" line="81"/>
        <source>POS inbox folder</source>
        <translation>Inkorg från kassan</translation>
    </message>
    <message>
        <location filename="../../qt/views/settings_dialog.py" line="86"/>
        <location filename="../../qt/views/settings_dialog.py" line="87"/>
        <source>Test connection</source>
        <translation>Testa anslutningen</translation>
    </message>
    <message>
        <location filename="../../qt/views/settings_dialog.py" line="90"/>
        <source>Connection test result</source>
        <translation>Resultat av anslutningstest</translation>
    </message>
    <message>
        <location filename="../../qt/views/settings_dialog.py" line="97"/>
        <source>Settings error</source>
        <translation>Fel i inställningarna</translation>
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <location filename="../../qt/views/queue_view.py" line="50"/>
        <source>Manager PIN</source>
        <translation>Butikschefens PIN</translation>
    </message>
    <message>
        <location filename="../../qt/views/queue_view.py" line="50"/>
        <source>Manager PIN:</source>
        <translation>Butikschefens PIN:</translation>
    </message>
    <message>
        <location filename="../../qt/views/queue_view.py" line="58"/>
        <source>Email</source>
        <translation>E-post</translation>
    </message>
    <message>
        <location filename="../../qt/views/queue_view.py" line="58"/>
        <source>Mobile</source>
        <translation>Mobil</translation>
    </message>
    <message>
        <location filename="../../qt/views/queue_view.py" line="59"/>
        <source>Correct registration</source>
        <translation>Rätta registreringen</translation>
    </message>
    <message>
        <location filename="../../qt/views/queue_view.py" line="69"/>
        <source>Resolve</source>
        <translation>Avsluta</translation>
    </message>
    <message>
        <location filename="../../qt/views/queue_view.py" line="69"/>
        <source>Why is it closed without sending?</source>
        <translation>Varför avslutas den utan att skickas?</translation>
    </message>
</context>
</TS>